package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkiverse.sqschanges.testkit.Latency;
import io.quarkiverse.sqschanges.testkit.RequestCounts;
import io.quarkiverse.sqschanges.testkit.SqsRequest;

/**
 * Elastic receive loops: the extension with {@code concurrency} loops on one queue, under the latency model, drains
 * a backlog present at start, and the same number of messages sent as a burst after a trickle, during which loops
 * that receive nothing for a long poll end. Under latency one loop drains a fraction of what all of them drain, so a
 * burst left to fewer loops than {@code concurrency} takes longer; on loopback the CPU bounds one loop and four
 * alike, and the two would not differ.
 */
final class BurstBenchmark {

    /**
     * The long poll of the measured application: a loop that gets no message for that long ends, so that during a
     * trickle of one message every 0.5 to 1 s loops keep ending while others receive. With the default 20 s no loop
     * would end within a trickle of a few seconds.
     */
    static final Duration WAIT_TIME = Duration.ofSeconds(1);
    static final int TRICKLE_MIN_GAP_MILLIS = 500;
    static final int TRICKLE_MAX_GAP_MILLIS = 1000;
    /** The messages sent in one go of the burst: the runner sends them in about 0.1 s on two busy cores. */
    static final int SLICE_MESSAGES = 300;

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, reached through the contender's own proxy. */
    private final String sqs;
    private final AppLauncher launcher;
    private final Random random = new Random(1);

    BurstBenchmark(Settings settings, QueueAdmin admin, String sqs, AppLauncher launcher) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
        this.launcher = launcher;
    }

    /**
     * @param trickleSeconds how long each trickle lasted, until its burst was delivered
     * @param atStart the drains of a backlog present at start, one a round
     * @param afterTrickle the drains of the same number of messages delivered as a burst after a trickle, timed from
     *        the delivery of its first message
     * @param trickleReceivesPerSecond the receive requests a second during each trickle, which tell how many loops
     *        were polling (each makes about one a second while idle, and one more per message it gets)
     * @param spreadMillis how long after each burst's first message its last one was delivered (the longest a slice
     *        took to send), within its drain
     */
    record Result(Contender contender, int trickleSeconds, List<Drain> atStart, List<Drain> afterTrickle,
            List<Double> trickleReceivesPerSecond, List<Double> spreadMillis) {

        double atStartMillis() {
            return Stats.median(atStart.stream().map(d -> d.nanos() / 1e6).toList());
        }

        double afterTrickleMillis() {
            return Stats.median(afterTrickle.stream().map(d -> d.nanos() / 1e6).toList());
        }
    }

    Result run() throws Exception {
        int loops = settings.threads();
        Contender contender = new AppContender("extension (concurrency=" + loops + ", wait-time=" + WAIT_TIME.toSeconds()
                + "s)", loops, App.CHANGES,
                Map.of("concurrency", Integer.toString(loops), "wait-time", WAIT_TIME.toSeconds() + "s"), launcher);
        System.out.printf("Burst after a trickle: starting and warming up %s x%d%n", contender.name(), loops);
        List<Drain> atStart = new ArrayList<>();
        List<Drain> afterTrickle = new ArrayList<>();
        List<Double> trickleReceives = new ArrayList<>();
        List<Double> spreadMillis = new ArrayList<>();
        try (Session session = Session.start(contender, admin, sqs, 2 * settings.burstRounds(),
                settings.warmupMessages())) {
            session.setLatency(Latency.logNormal(settings.latencyMedian(), settings.latencyP99(), 1));
            for (int round = 1; round <= settings.burstRounds(); round++) {
                Drain backlog = session.drain(2 * round - 1, settings.burstMessages());
                atStart.add(backlog);
                print("backlog at start", round, backlog, "");
                Drain burst = burst(session, 2 * round, trickleReceives, spreadMillis);
                afterTrickle.add(burst);
                print("burst after a trickle", round, burst, String.format("; %.1f receives/s during the trickle,"
                        + " delivered within %.0f ms", trickleReceives.get(round - 1), spreadMillis.get(round - 1)));
            }
        }
        return new Result(contender, burstDelaySeconds(), atStart, afterTrickle, trickleReceives, spreadMillis);
    }

    /**
     * @return how many seconds after the trickle's start the burst is delivered: the trickle's time, and at least a
     *         second for each slice the burst is sent in
     */
    private int burstDelaySeconds() {
        int slices = (settings.burstMessages() + SLICE_MESSAGES - 1) / SLICE_MESSAGES;
        return (int) Math.max(settings.burstTrickle().toSeconds(), slices);
    }

    /**
     * Resumes the round's empty queue and trickles one message every 0.5 to 1 s into it until the burst is
     * delivered, all at once: the burst is sent meanwhile in slices of {@link #SLICE_MESSAGES}, a second apart, each
     * with a delivery delay ({@code DelaySeconds}) a second shorter than the one before. Sending a whole burst takes
     * the runner about as long as the extension takes to drain it; sent at once, it would reach the consumer no
     * faster than it drains it. Timed from the burst's delivery until every message is observed and deleted.
     */
    private Drain burst(Session session, int round, List<Double> trickleReceives, List<Double> spreads)
            throws Exception {
        Queue queue = session.queue(round);
        Consumer consumer = session.consumer();
        long observedBefore = consumer.observed();
        int delay = burstDelaySeconds();
        session.resume(round);
        long trickleStart = System.nanoTime();
        // the burst's first message is delivered no sooner than this, its last one a slice's sending time later
        long start = trickleStart + Duration.ofSeconds(delay).toNanos();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<Long> spread;
        try {
            spread = sender.submit(() -> sendSlices(queue, trickleStart, delay));
            int trickled = 0;
            for (long now = System.nanoTime(); now < start; now = System.nanoTime()) {
                // not the pickup body ("t..."): these are counted only
                admin.send(queue, "m-trickle-" + trickled++);
                long gapMillis = TRICKLE_MIN_GAP_MILLIS
                        + random.nextInt(TRICKLE_MAX_GAP_MILLIS - TRICKLE_MIN_GAP_MILLIS + 1);
                Thread.sleep(Math.max(0, Math.min(gapMillis, (start - System.nanoTime()) / 1_000_000)));
            }
            long cpuBefore = consumer.cpuNanos();
            spreads.add(spread.get() / 1e6);
            session.awaitObserved(observedBefore + trickled + settings.burstMessages(), queue,
                    Session.timeoutFor(settings.burstMessages()));
            long end = System.nanoTime();
            long cpu = consumer.cpuNanos() - cpuBefore;
            session.pause(round);
            long receives = session.requests(queue, trickleStart, start).stream()
                    .filter(r -> r.action().equals(SqsRequest.RECEIVE)).count();
            trickleReceives.add(receives / ((start - trickleStart) / 1e9));
            return new Drain(settings.burstMessages(), end - start,
                    RequestCounts.of(session.requests(queue, start, end)), 0, cpu);
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * Sends the burst in slices, slice {@code k} from {@code k} seconds after {@code from} on, delayed by
     * {@code delay - k} seconds.
     *
     * @return how late after the burst's delivery its last message is delivered: the longest a slice took to send
     */
    private long sendSlices(Queue queue, long from, int delay) throws Exception {
        long spread = 0;
        int slice = 0;
        for (int sent = 0; sent < settings.burstMessages(); sent += SLICE_MESSAGES, slice++) {
            long sliceStart = from + Duration.ofSeconds(slice).toNanos();
            long wait = sliceStart - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            admin.preload(queue, Math.min(SLICE_MESSAGES, settings.burstMessages() - sent),
                    Duration.ofSeconds(delay - slice));
            spread = Math.max(spread, System.nanoTime() - sliceStart);
        }
        return spread;
    }

    private static void print(String label, int round, Drain drain, String more) {
        System.out.printf("Burst round %d, %s: %.0f ms, %.0f msgs/s, CPU %.2f s per 10,000 (%s)%s%n", round, label,
                drain.nanos() / 1e6, drain.rate(), drain.cpuSecondsPer10k(), drain.requests(), more);
    }
}
