package io.quarkiverse.sqschanges.benchmark.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
 * @param latency whether the drains are run again under the latency model
 * @param latencyMedian the median delay the proxy adds to each answer under the latency model
 * @param latencyP99 the 99th percentile of that delay
 * @param latencyMessages the messages each drain under latency consumes
 * @param latencyRounds how many times each contender drains under latency
 * @param manyQueues whether the many-queues section runs
 * @param idleQueueCounts the numbers of idle queues of the many-queues applications, besides the busy one
 * @param manyQueuesIdle how long the many-queues applications idle while requests, CPU and threads are counted
 * @param manyQueuesMessages the messages the busy queue of a many-queues application drains
 * @param burstMessages the messages of the burst section: the backlog present at start, and the burst after a trickle
 * @param burstRounds how many times the burst section measures each of its two cases
 * @param burstTrickle how long the trickle before each burst lasts (at least a second per 300 messages of the burst)
 * @param sections the sections that run, of {@link #SECTIONS}
 * @param root the benchmark directory, {@code integration-tests/benchmark}
 */
record Settings(int messages, int warmupMessages, int rounds, int threads, int pickups, Duration idle, int startups,
        String appHeap, boolean latency, Duration latencyMedian, Duration latencyP99, int latencyMessages,
        int latencyRounds, boolean manyQueues, List<Integer> idleQueueCounts, Duration manyQueuesIdle,
        int manyQueuesMessages, int burstMessages, int burstRounds, Duration burstTrickle, Set<String> sections,
        Path root) {

    static final String DRAIN = "drain";
    static final String BURST = "burst";
    static final String PICKUP = "pickup";
    static final String STARTUP = "startup";
    static final String MANY_QUEUES = "many-queues";
    /** Every section, in the order they run. */
    static final List<String> SECTIONS = List.of(DRAIN, BURST, PICKUP, STARTUP, MANY_QUEUES);

    Settings {
        if (!SECTIONS.containsAll(sections)) {
            throw new IllegalArgumentException("benchmark.sections is " + sections + "; the sections are " + SECTIONS);
        }
        if (!manyQueues) {
            sections = sections.stream().filter(s -> !s.equals(MANY_QUEUES)).collect(Collectors.toSet());
        }
        sections = Set.copyOf(sections);
    }

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
                Boolean.parseBoolean(System.getProperty("benchmark.latency", "true")),
                Duration.ofMillis(Integer.getInteger("benchmark.latency-median-ms", 20)),
                Duration.ofMillis(Integer.getInteger("benchmark.latency-p99-ms", 150)),
                Integer.getInteger("benchmark.latency-messages", 3_000),
                Integer.getInteger("benchmark.latency-rounds", 2),
                Boolean.parseBoolean(System.getProperty("benchmark.many-queues", "true")),
                list(System.getProperty("benchmark.idle-queues", "1,20,100")).stream().map(Integer::valueOf).toList(),
                Duration.ofSeconds(Integer.getInteger("benchmark.many-queues-idle-seconds", 45)),
                Integer.getInteger("benchmark.many-queues-messages", 10_000),
                Integer.getInteger("benchmark.burst-messages", 3_000),
                Integer.getInteger("benchmark.burst-rounds", 3),
                Duration.ofSeconds(Integer.getInteger("benchmark.burst-trickle-seconds", 10)),
                list(System.getProperty("benchmark.sections", String.join(",", SECTIONS))).stream()
                        .collect(Collectors.toSet()),
                Path.of(System.getProperty("benchmark.root", ".")).toAbsolutePath().normalize());
    }

    /** @return the items of a comma-separated list */
    private static List<String> list(String items) {
        return Arrays.stream(items.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** @return whether the section runs */
    boolean runs(String section) {
        return sections.contains(section);
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
