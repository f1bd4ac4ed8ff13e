package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.sqschanges.testkit.SqsProxy;

/**
 * What the extension costs at startup: the plain application (its SQS client idle, then making one request at
 * startup) and the extension's (one idle queue) are started in turn; each start is timed until HTTP answers, and
 * its RSS read once it has idled a little, then again after a full garbage collection (which leaves out the
 * garbage that startup left in the heap, and so much of the noise of when the collector happened to run).
 */
final class StartupBenchmark {

    private static final long IDLE_BEFORE_RSS_MILLIS = 2_000;
    private static final long SETTLE_AFTER_GC_MILLIS = 500;

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, reached through a proxy. */
    private final String sqs;
    private final AppLauncher launcher;

    StartupBenchmark(Settings settings, QueueAdmin admin, String sqs, AppLauncher launcher) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
        this.launcher = launcher;
    }

    List<StartupResult> run() throws Exception {
        Queue queue = admin.create("startup");
        List<StartupVariant> variants = List.of(
                new StartupVariant(StartupVariant.PLAIN_IDLE, App.PLAIN, Map.of()),
                new StartupVariant(StartupVariant.PLAIN_REQUEST, App.PLAIN,
                        Map.of("bench.list-queues-at-startup", "true")),
                new StartupVariant(StartupVariant.EXTENSION, App.CHANGES,
                        App.CHANGES.consuming(App.CHANGES.measuredName(1), queue, Map.of())));
        Map<StartupVariant, List<Sample>> samples = new LinkedHashMap<>();
        try (SqsProxy route = SqsProxy.start(sqs)) {
            for (int i = 1; i <= settings.startups(); i++) {
                for (StartupVariant variant : variants) {
                    Sample sample = measure(variant.app(), route, variant.config());
                    samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample);
                    System.out.printf("Startup %d/%d, %s: ready in %.0f ms (logged %.0f ms), RSS %.1f MiB, after a"
                            + " full GC %.1f MiB%n", i, settings.startups(), variant.label(), sample.readyMillis(),
                            sample.loggedMillis(), sample.rssMegabytes(), sample.rssAfterGcMegabytes());
                }
            }
        } finally {
            admin.delete(queue);
        }
        return samples.entrySet().stream().map(e -> new StartupResult(e.getKey().label(),
                Stats.median(e.getValue().stream().map(Sample::readyMillis).toList()),
                Stats.median(e.getValue().stream().map(Sample::loggedMillis).toList()),
                Stats.median(e.getValue().stream().map(Sample::rssMegabytes).toList()),
                Stats.median(e.getValue().stream().map(Sample::rssAfterGcMegabytes).toList()))).toList();
    }

    private Sample measure(App app, SqsProxy route, Map<String, String> config) throws Exception {
        try (AppProcess process = launcher.start(app, route.endpoint(), config)) {
            double ready = process.awaitReady(AppContender.STARTUP_TIMEOUT).toNanos() / 1e6;
            Thread.sleep(IDLE_BEFORE_RSS_MILLIS);
            double rss = process.rssMegabytes();
            process.fullGc();
            Thread.sleep(SETTLE_AFTER_GC_MILLIS);
            return new Sample(ready, process.loggedStartupMillis().orElse(Double.NaN), rss, process.rssMegabytes());
        }
    }

    private record Sample(double readyMillis, double loggedMillis, double rssMegabytes, double rssAfterGcMegabytes) {
    }
}
