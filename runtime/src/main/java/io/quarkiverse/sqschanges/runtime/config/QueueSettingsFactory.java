package io.quarkiverse.sqschanges.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.QueueConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesFixedConfig.QueueFixedConfig;

/**
 * Checks the configured queues and turns them into {@link QueueSettings}; each problem found names the property
 * at fault and the values it allows.
 */
public final class QueueSettingsFactory {

    /** The extension's own limit, not one of SQS's. */
    private static final int MAX_CONCURRENCY = 50;
    /** Held messages, per queue: below SQS's in-flight quota, with room for the batches being handled. */
    private static final int MAX_HELD = 100_000;
    /** The extension's own limit: batches held ahead stay hidden from other consumers. */
    private static final int MAX_PREFETCH_BATCHES = 10;

    /** The queue properties that are booleans: a typo in one must not read as {@code false}. */
    private static final List<String> BOOLEAN_PROPERTIES = List.of("enabled", "prefetch", "visibility-heartbeat",
            "deduplicate");
    /** What the configuration reads as a boolean, ignoring case. */
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "1",
            "0");

    private QueueSettingsFactory() {
    }

    /**
     * The configuration reads any word other than true, yes, on, y or 1 as {@code false}; for a queue's switches,
     * anything it does not know is refused instead.
     */
    private static void checkBoolean(String property, List<String> problems) {
        String value = ConfigProvider.getConfig().getConfigValue(property).getValue();
        if (value != null && !BOOLEAN_WORDS.contains(value.trim().toLowerCase(Locale.ROOT))) {
            problems.add(property + " is '" + value + "'; allowed values are true and false");
        }
    }

    /**
     * @param fixed the queue properties fixed at build time
     * @param problems receives a message for each problem found
     * @return the settings of every configured queue, enabled or not, sorted by name
     */
    public static List<QueueSettings> create(SqsChangesConfig config, SqsChangesFixedConfig fixed,
            List<String> problems) {
        Set<String> names = new TreeSet<>(config.queues().keySet());
        names.addAll(fixed.queues().keySet());
        List<QueueSettings> settings = new ArrayList<>();
        for (String name : names) {
            QueueConfig queue = config.queues().get(name);
            if (queue == null) {
                // only build-time properties, such as client: the queue has neither url nor queue-name
                problems.add(noQueue(name));
            } else {
                Optional<String> client = Optional.ofNullable(fixed.queues().get(name))
                        .flatMap(QueueFixedConfig::client);
                settings.add(create(name, queue, client, problems));
            }
        }
        return settings;
    }

    private static String noQueue(String name) {
        return "Queue '" + name + "' has no " + ConfigNames.queueProperty(name, "url") + " and no "
                + ConfigNames.queueProperty(name, "queue-name") + "; set one of them (the queue URL, or the queue"
                + " name to look up)";
    }

    private static QueueSettings create(String name, QueueConfig queue, Optional<String> client,
            List<String> problems) {
        if (name.isBlank()) {
            problems.add("A queue under " + ConfigNames.PREFIX + ".queues has a blank name; give it a name such as"
                    + " " + ConfigNames.queueProperty("orders", "url"));
        }
        if (queue.url().isPresent() == queue.queueName().isPresent()) {
            problems.add(queue.url().isPresent()
                    ? "Queue '" + name + "' sets both " + ConfigNames.queueProperty(name, "url") + " and "
                            + ConfigNames.queueProperty(name, "queue-name") + "; set only one of them"
                    : noQueue(name));
        }
        queue.url().filter(String::isBlank).ifPresent(u -> problems.add(
                ConfigNames.queueProperty(name, "url") + " is blank; set it to the queue URL"));
        queue.queueName().filter(String::isBlank).ifPresent(u -> problems.add(
                ConfigNames.queueProperty(name, "queue-name") + " is blank; set it to the SQS queue name"));
        queue.codebase().filter(String::isBlank).ifPresent(c -> problems.add(
                ConfigNames.queueProperty(name, "codebase") + " is blank; set a codebase name or remove the property"
                        + " to use the queue name '" + name + "'"));
        client.filter(String::isBlank).ifPresent(c -> problems.add(
                ConfigNames.queueProperty(name, "client") + " is blank; name a client configured under"
                        + " quarkus.sqs.\"<client>\" or remove the property to use the default client"));

        for (String flag : BOOLEAN_PROPERTIES) {
            checkBoolean(ConfigNames.queueProperty(name, flag), problems);
        }
        int waitSeconds = wholeSeconds(queue.waitTime(), 0, SqsLimits.MAX_WAIT_TIME_SECONDS,
                ConfigNames.queueProperty(name, "wait-time"), problems);
        if (queue.maxMessages() < SqsLimits.MIN_MESSAGES_PER_RECEIVE
                || queue.maxMessages() > SqsLimits.MAX_MESSAGES_PER_RECEIVE) {
            problems.add(ConfigNames.queueProperty(name, "max-messages") + " is " + queue.maxMessages()
                    + "; allowed values are " + SqsLimits.MIN_MESSAGES_PER_RECEIVE + " to "
                    + SqsLimits.MAX_MESSAGES_PER_RECEIVE);
        }
        if (queue.concurrency() < 1 || queue.concurrency() > MAX_CONCURRENCY) {
            problems.add(ConfigNames.queueProperty(name, "concurrency") + " is " + queue.concurrency()
                    + "; allowed values are 1 to " + MAX_CONCURRENCY);
        }
        if (queue.prefetchBatches() < 1 || queue.prefetchBatches() > MAX_PREFETCH_BATCHES) {
            problems.add(ConfigNames.queueProperty(name, "prefetch-batches") + " is " + queue.prefetchBatches()
                    + "; allowed values are 1 to " + MAX_PREFETCH_BATCHES);
        }
        if (queue.pollInterval().isNegative() || queue.pollInterval().isZero()) {
            problems.add(ConfigNames.queueProperty(name, "poll-interval") + " is " + queue.pollInterval()
                    + "; it must be a positive duration such as 1s");
        }
        if (queue.handlerTimeout().isNegative()) {
            problems.add(ConfigNames.queueProperty(name, "handler-timeout") + " is " + queue.handlerTimeout()
                    + "; it must be a positive duration such as 5m, or 0s to turn the check off");
        }
        wholeSeconds(queue.retryDelay(), 0, SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS,
                ConfigNames.queueProperty(name, "retry-delay"), problems);
        wholeSeconds(queue.retryMaxDelay(), 0, SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS,
                ConfigNames.queueProperty(name, "retry-max-delay"), problems);
        if (queue.jsonSchema().isPresent() && (queue.format() == MessageFormat.RAW || queue.format() == MessageFormat.S3
                || (queue.format() == MessageFormat.SNS
                        && queue.sns().messageFormat() != SqsChangesConfig.SnsMessageFormat.JSON))) {
            problems.add(ConfigNames.queueProperty(name, "json-schema") + " is set, but format "
                    + queue.format().name().toLowerCase() + " has no JSON object to check; use it with format json,"
                    + " eventbridge, or sns with sns.message-format=json");
        }
        if (queue.maxHeldMessages() < 1 || queue.maxHeldMessages() > MAX_HELD) {
            problems.add(ConfigNames.queueProperty(name, "max-held-messages") + " is " + queue.maxHeldMessages()
                    + "; allowed values are 1 to " + MAX_HELD + ", below SQS's " + SqsLimits.MAX_IN_FLIGHT
                    + " messages in flight per queue");
        }
        OptionalInt visibility = queue.visibilityTimeout()
                .map(v -> OptionalInt.of(wholeSeconds(v, SqsLimits.MIN_VISIBILITY_TIMEOUT_SECONDS,
                        SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS,
                        ConfigNames.queueProperty(name, "visibility-timeout"), problems)))
                .orElse(OptionalInt.empty());

        return new QueueSettings(name, queue.url().map(String::trim), queue.queueName().map(String::trim),
                queue.codebase().orElse(name), queue.format(), queue.enabled(), queue.pollInterval(), waitSeconds,
                queue.maxMessages(),
                queue.concurrency(), queue.prefetch(), queue.prefetchBatches(), visibility, client, queue.invalidMessage(),
                queue.onFailure(),
                queue.retryDelay(),
                queue.retryMaxDelay(), queue.visibilityHeartbeat(), queue.handlerTimeout(), queue.deduplicate(),
                queue.sns().messageFormat() == SqsChangesConfig.SnsMessageFormat.JSON,
                queue.jsonSchema().map(String::trim).filter(schema -> !schema.isEmpty()), queue.maxHeldMessages());
    }

    private static int wholeSeconds(Duration value, int min, int max, String property, List<String> problems) {
        long seconds = value.getSeconds();
        if (value.getNano() != 0 || seconds < min || seconds > max) {
            problems.add(property + " is " + value + "; allowed values are whole seconds from " + min + "s to " + max
                    + "s" + (max == SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS ? " (12 hours)" : ""));
            return min;
        }
        return (int) seconds;
    }
}
