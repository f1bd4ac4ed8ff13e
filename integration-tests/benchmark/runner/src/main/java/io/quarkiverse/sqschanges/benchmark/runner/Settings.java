package io.quarkiverse.sqschanges.benchmark.runner;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to run, from the system properties {@code benchmark.*} (the runner's pom passes them on, with defaults).
 *
 * @param messages the messages each drain consumes
 * @param warmupMessages the messages each contender consumes from a queue of its own before it is measured
 * @param rounds how many times each contender drains
 * @param threads the receive loops of the tuned contenders
 * @param pickups the messages sent to idle consumers, one at a time
 * @param idle how long receive requests on an idle queue are counted
 * @param startups how many times each application is started for the startup figures
 * @param appHeap the JVM flags given to every application (a heap limit by default), separated by spaces
 * @param root the benchmark directory, {@code integration-tests/benchmark}
 */
record Settings(int messages, int warmupMessages, int rounds, int threads, int pickups, Duration idle, int startups,
        String appHeap,
        Path root) {

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("benchmark.messages", 20_000),
                Integer.getInteger("benchmark.warmup-messages", 5_000),
                Integer.getInteger("benchmark.rounds", 3),
                Integer.getInteger("benchmark.threads", 4),
                Integer.getInteger("benchmark.pickups", 300),
                Duration.ofSeconds(Integer.getInteger("benchmark.idle-seconds", 45)),
                Integer.getInteger("benchmark.startups", 3),
                System.getProperty("benchmark.app-heap", "-Xmx256m"),
                Path.of(System.getProperty("benchmark.root", ".")).toAbsolutePath().normalize());
    }

    /** @return the packaged application of a module */
    Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** @return where the applications' logs go */
    Path logs() {
        return root.resolve("target/benchmark-logs");
    }

    /** @return where the report is written */
    Path report() {
        return root.resolve("target/benchmark-results.md");
    }
}
