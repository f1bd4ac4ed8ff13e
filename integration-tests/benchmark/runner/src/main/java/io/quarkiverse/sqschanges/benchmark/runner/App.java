package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmarked application, and how it is configured to consume queues: the queue (or channel) {@code warmup},
 * consumed from startup, and the measured queues, which start paused.
 */
enum App {

    /** The baseline: the common endpoints and an SQS client; consumes nothing. */
    PLAIN("plain-app", null, null, Map.of(), false),

    /**
     * The raw AWS SDK limit: receive-and-delete loops ({@code threads} of them) on the Quarkus-configured client, a
     * measured queue per round.
     */
    RAW("raw-app", "raw.queues.%s.", "queue-name", Map.of(), true),

    /** The extension: a measured queue per round, {@code bench-1}, {@code bench-2}... */
    CHANGES("changes-app", "quarkus.sqs-changes.queues.%s.", "queue-name", Map.of("bench.start-paused", "true"),
            true),

    /**
     * The SmallRye Reactive Messaging SQS connector: its channels are fixed at build time, so one measured
     * channel, {@code bench}, is paused between rounds.
     */
    SMALLRYE("smallrye-app", "mp.messaging.incoming.%s.", "queue", Map.of(
            "mp.messaging.incoming.bench.pausable", "true",
            "mp.messaging.incoming.bench.pausable.initially-paused", "true"), false);

    static final String WARMUP = "warmup";

    private final String module;
    private final String prefix;
    private final String queueNameKey;
    private final Map<String, String> startPaused;
    private final boolean queuePerRound;

    App(String module, String prefix, String queueNameKey, Map<String, String> startPaused, boolean queuePerRound) {
        this.module = module;
        this.prefix = prefix;
        this.queueNameKey = queueNameKey;
        this.startPaused = startPaused;
        this.queuePerRound = queuePerRound;
    }

    String module() {
        return module;
    }

    /** @return how many measured queues it consumes over that many rounds */
    int measuredQueues(int rounds) {
        return queuePerRound ? rounds : 1;
    }

    /** @return the name under which it knows its measured queue of that index, from 1 */
    String measuredName(int index) {
        return queuePerRound ? "bench-" + index : "bench";
    }

    /**
     * @param name the queue's name in the application, such as {@link #WARMUP}
     * @param settings the queue's settings in the application's own terms, such as {@code concurrency=4}
     * @return the configuration that makes the application consume the queue under that name
     */
    Map<String, String> consuming(String name, Queue queue, Map<String, String> settings) {
        if (prefix == null) {
            throw new UnsupportedOperationException(this + " consumes no queue");
        }
        String keys = String.format(prefix, name);
        Map<String, String> config = new LinkedHashMap<>();
        config.put(keys + queueNameKey, queue.name());
        settings.forEach((key, value) -> config.put(keys + key, value));
        return config;
    }

    /** @return the configuration that keeps the measured queues unconsumed until {@code POST /bench/resume/<n>} */
    Map<String, String> startPaused() {
        return startPaused;
    }
}
