package io.quarkiverse.sqschanges.runtime.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Checks at startup that the connection pool of the SQS async client can serve the receive loops of the enabled
 * queues, and says how many long polls they hold open.
 */
public final class SqsClientPoolCheck {

    /** Up to this many queues, the log line and the error name each with its loops. */
    private static final int NAMED_QUEUES = 5;

    private final String property;
    private final ConfigValue value;
    private final int loops;
    private final String queues;

    private SqsClientPoolCheck(String property, ConfigValue value, int loops, String queues) {
        this.property = property;
        this.value = value;
        this.loops = loops;
        this.queues = queues;
    }

    /**
     * @param queues the settings of every configured queue; the enabled ones are counted
     */
    public static SqsClientPoolCheck of(List<QueueSettings> queues, Config config) {
        List<QueueSettings> enabled = queues.stream().filter(QueueSettings::enabled).toList();
        String property = SqsClientPool.maxConcurrencyProperty(config);
        return new SqsClientPoolCheck(property, config.unwrap(SmallRyeConfig.class).getConfigValue(property),
                enabled.stream().mapToInt(QueueSettings::concurrency).sum(), describe(enabled));
    }

    /** @return why the pool cannot serve the loops, naming the property and the fix; empty if it can */
    public Optional<String> problem() {
        OptionalInt connections = connections();
        int needed = SqsClientPool.needed(loops);
        if (connections.isEmpty() || connections.getAsInt() >= needed) {
            return Optional.empty();
        }
        String reason = " cannot serve the " + loops + " receive loop" + (loops == 1 ? "" : "s")
                + " of the configured queues (" + queues + "): each holds a long poll open; set it to at least "
                + needed;
        if (setByApplication()) {
            return Optional.of(property + "=" + value.getValue() + reason
                    + ", or remove it to let the extension size the pool");
        }
        // the extension's count missed queues, configured in a source that config source factories do not see
        return Optional.of(property + "=" + value.getValue() + ", as the extension sized it from the queue properties"
                + " it could read," + reason);
    }

    /**
     * @return e.g. {@code SQS change sources hold up to 61 long polls open (61 queues); the SQS async client allows 122
     *         connections (quarkus.sqs.async-client.max-concurrency, sized by the extension)}
     */
    public String summary() {
        String origin = SqsClientPoolDefaults.SOURCE_NAME.equals(value.getConfigSourceName()) ? ", sized by the extension"
                : setByApplication() ? "" : ", its default";
        return "SQS change sources hold up to " + loops + " long poll" + (loops == 1 ? "" : "s") + " open (" + queues
                + "); the SQS async client allows " + value.getValue() + " connections (" + property + origin + ")";
    }

    /** @return whether the enabled queues hold any long poll */
    public boolean anyLoop() {
        return loops > 0;
    }

    /** Only a source the application writes is above the extension's. */
    private boolean setByApplication() {
        return value.getValue() != null && value.getConfigSourceOrdinal() > SqsClientPoolDefaults.ORDINAL;
    }

    private OptionalInt connections() {
        try {
            return value.getValue() == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.getValue().trim()));
        } catch (NumberFormatException e) {
            // the Amazon SQS extension refuses it when it builds the client
            return OptionalInt.empty();
        }
    }

    /**
     * @return e.g. {@code builds: 5, models: 3}; with more queues {@code 61 queues}, {@code 30 queues, 2 each}, or
     *         {@code 12 queues; builds: 5, the others 1 each}
     */
    private static String describe(List<QueueSettings> enabled) {
        if (enabled.size() <= NAMED_QUEUES) {
            return enabled.stream().map(q -> q.name() + ": " + q.concurrency()).collect(Collectors.joining(", "));
        }
        Set<Integer> concurrencies = enabled.stream().map(QueueSettings::concurrency).collect(Collectors.toSet());
        if (concurrencies.size() == 1) {
            int each = concurrencies.iterator().next();
            return enabled.size() + " queues" + (each == 1 ? "" : ", " + each + " each");
        }
        List<QueueSettings> several = enabled.stream().filter(q -> q.concurrency() > 1).toList();
        String named = several.stream().limit(NAMED_QUEUES).map(q -> q.name() + ": " + q.concurrency())
                .collect(Collectors.joining(", "));
        return enabled.size() + " queues; " + named + (several.size() > NAMED_QUEUES ? ", ..." : "")
                + (several.size() < enabled.size() ? ", the others 1 each" : "");
    }
}
