package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkiverse.sqschanges.testkit.SqsRequest;

/**
 * What each configured queue costs: the extension's application is started with one busy queue alone, then with
 * that many idle queues besides it; each start is timed, warmed up, left idle while its receive requests, CPU time
 * and threads are counted, measured for RSS after a full garbage collection, and then its busy queue is drained.
 */
final class ManyQueuesBenchmark {

    private static final String BUSY = App.CHANGES.measuredName(1);
    private static final long SETTLE_MILLIS = 3_000;
    private static final long SETTLE_AFTER_GC_MILLIS = 500;

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, reached through a proxy of each application's own. */
    private final String sqs;
    private final AppLauncher launcher;

    ManyQueuesBenchmark(Settings settings, QueueAdmin admin, String sqs, AppLauncher launcher) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
        this.launcher = launcher;
    }

    List<ManyQueuesResult> run() throws Exception {
        List<ManyQueuesResult> results = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        counts.add(0);
        counts.addAll(settings.idleQueueCounts());
        for (int idleQueues : counts) {
            ManyQueuesResult result = measure(idleQueues);
            results.add(result);
            System.out.printf("Many queues, %d idle: ready in %.0f ms, RSS after a full GC %.1f MiB, %d threads,"
                    + " idle CPU %.0f ms/min, %.2f idle receives/min a queue, %d connections open; busy queue"
                    + " drained in %.0f ms%n", idleQueues, result.readyMillis(), result.rssAfterGcMegabytes(),
                    result.threads(), result.idleCpuMillisPerMinute(), result.idleReceivesPerMinutePerQueue(),
                    result.openConnections(), result.drainMillis());
        }
        return results;
    }

    private ManyQueuesResult measure(int idleQueues) throws Exception {
        Queue warmup = admin.create("mq-warmup");
        Queue busy = admin.create("mq-busy");
        List<Queue> idle = new ArrayList<>();
        try (SqsProxy route = SqsProxy.start(sqs)) {
            for (int i = 1; i <= idleQueues; i++) {
                idle.add(admin.create("mq-idle"));
            }
            Map<String, String> config = new LinkedHashMap<>(App.CHANGES.consuming(App.WARMUP, warmup, Map.of()));
            config.putAll(App.CHANGES.consuming(BUSY, busy, Map.of()));
            for (int i = 0; i < idle.size(); i++) {
                config.putAll(App.CHANGES.consuming("idle-" + (i + 1), idle.get(i), Map.of()));
            }
            config.putAll(App.CHANGES.startPaused());
            try (AppProcess process = launcher.start(App.CHANGES, route.endpoint(), config)) {
                double ready = process.awaitReady(AppContender.STARTUP_TIMEOUT).toNanos() / 1e6;
                AppHttp http = process.http();
                admin.preload(warmup, settings.warmupMessages());
                awaitDrained(http, settings.warmupMessages(), warmup);
                Thread.sleep(SETTLE_MILLIS);

                long cpuBefore = process.cpuNanos();
                long idleStart = System.nanoTime();
                Thread.sleep(settings.manyQueuesIdle().toMillis());
                long idleEnd = System.nanoTime();
                long cpu = process.cpuNanos() - cpuBefore;
                int threads = process.threads();
                int connections = route.openConnections();
                Set<String> idleNames = idle.stream().map(Queue::name).collect(Collectors.toSet());
                long receives = route.requests().stream()
                        .filter(r -> r.action().equals(SqsRequest.RECEIVE) && idleNames.contains(r.queue())
                                && r.nanos() >= idleStart && r.nanos() <= idleEnd)
                        .count();
                double minutes = (idleEnd - idleStart) / 60e9;
                process.fullGc();
                Thread.sleep(SETTLE_AFTER_GC_MILLIS);
                double rss = process.rssMegabytes();

                long observedBefore = http.count();
                admin.preload(busy, settings.manyQueuesMessages());
                long start = System.nanoTime();
                http.post("resume/1");
                awaitDrained(http, observedBefore + settings.manyQueuesMessages(), busy);
                double drainMillis = (System.nanoTime() - start) / 1e6;

                return new ManyQueuesResult(idleQueues, ready, process.loggedStartupMillis().orElse(Double.NaN), rss,
                        threads, cpu / 1e6 / minutes,
                        idleQueues == 0 ? Double.NaN : receives / minutes / idleQueues, connections, drainMillis);
            }
        } finally {
            admin.delete(warmup);
            admin.delete(busy);
            for (Queue queue : idle) {
                admin.delete(queue);
            }
        }
    }

    private void awaitDrained(AppHttp http, long observed, Queue queue) throws Exception {
        Duration timeout = Session.timeoutFor(observed);
        Await.until(() -> http.count() >= observed && admin.remaining(queue) == 0, timeout,
                () -> String.format("the many-queues application observed %d of %d messages (queue %s)", http.count(),
                        observed, queue.name()));
    }
}
