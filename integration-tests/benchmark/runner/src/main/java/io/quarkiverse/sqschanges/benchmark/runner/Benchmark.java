package io.quarkiverse.sqschanges.benchmark.runner;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;

/**
 * Runs the whole benchmark (drains on loopback and under latency, idle pickup, startup, many queues) against one
 * in-process ElasticMQ, prints the report and writes it to
 * {@code target/benchmark-results.md}. The applications must be packaged first.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        long start = System.nanoTime();
        String report;
        try (EmbeddedSqs server = EmbeddedSqs.start(); QueueAdmin admin = new QueueAdmin(server.endpoint())) {
            String sqs = server.endpoint();
            AppLauncher launcher = new AppLauncher(settings);
            int k = settings.threads();
            Map<String, String> concurrency = Map.of("concurrency", Integer.toString(k));
            Contender raw = new AppContender("raw SDK loop", 1, App.RAW, Map.of(), launcher);
            Contender extension = new AppContender("extension (default)", 1, App.CHANGES, Map.of(), launcher);
            List<Contender> drainers = List.of(
                    raw,
                    extension,
                    new AppContender("SmallRye connector (default)", 1, App.SMALLRYE, Map.of(), launcher),
                    new AppContender("raw SDK loop", k, App.RAW, Map.of("threads", Integer.toString(k)), launcher),
                    new AppContender("extension (concurrency=" + k + ")", k, App.CHANGES, concurrency, launcher),
                    new AppContender("SmallRye connector (concurrency=" + k + ")", k, App.SMALLRYE, concurrency,
                            launcher));

            DrainBenchmark.Results drains = new DrainBenchmark(settings, admin, sqs).run(drainers);
            List<PickupResult> pickups = new PickupBenchmark(settings, admin, sqs)
                    .run(List.of(raw, extension));
            List<StartupResult> startups = new StartupBenchmark(settings, admin, sqs, launcher).run();
            List<ManyQueuesResult> manyQueues = settings.manyQueues()
                    ? new ManyQueuesBenchmark(settings, admin, sqs, launcher).run()
                    : List.of();
            report = new Report(settings, Machine.describe(), drains, pickups, startups, manyQueues,
                    Duration.ofNanos(System.nanoTime() - start)).markdown();
        }
        System.out.println();
        System.out.println(report);
        Files.createDirectories(settings.report().getParent());
        Files.writeString(settings.report(), report);
        System.out.println("Written to " + settings.report());
    }
}
