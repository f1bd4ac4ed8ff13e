package io.quarkiverse.sqschanges.benchmark.runner;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;

/**
 * Runs the benchmark (drains on loopback and under latency, a burst after a trickle, idle pickup, startup, many
 * queues; {@code benchmark.sections} picks some) against one in-process ElasticMQ, prints the report and writes it to
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

            DrainBenchmark.Results drains = settings.runs(Settings.DRAIN)
                    ? new DrainBenchmark(settings, admin, sqs).run(drainers)
                    : new DrainBenchmark.Results(List.of(), List.of());
            Optional<BurstBenchmark.Result> burst = settings.runs(Settings.BURST)
                    ? Optional.of(new BurstBenchmark(settings, admin, sqs, launcher).run())
                    : Optional.empty();
            List<PickupResult> pickups = settings.runs(Settings.PICKUP)
                    ? new PickupBenchmark(settings, admin, sqs).run(List.of(raw, extension))
                    : List.of();
            List<StartupResult> startups = settings.runs(Settings.STARTUP)
                    ? new StartupBenchmark(settings, admin, sqs, launcher).run()
                    : List.of();
            List<ManyQueuesResult> manyQueues = settings.runs(Settings.MANY_QUEUES)
                    ? new ManyQueuesBenchmark(settings, admin, sqs, launcher).run()
                    : List.of();
            report = new Report(settings, Machine.describe(), drains, burst, pickups, startups, manyQueues,
                    Duration.ofNanos(System.nanoTime() - start)).markdown();
        }
        System.out.println();
        System.out.println(report);
        Files.createDirectories(settings.report().getParent());
        Files.writeString(settings.report(), report);
        System.out.println("Written to " + settings.report());
    }
}
