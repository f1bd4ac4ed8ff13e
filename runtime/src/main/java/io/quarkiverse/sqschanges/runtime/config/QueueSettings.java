package io.quarkiverse.sqschanges.runtime.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checked settings of one configured queue.
 *
 * @param name the configured name ({@code quarkus.sqs-changes.queues."<name>"})
 * @param url the queue URL, if configured
 * @param queueName the SQS queue name to resolve, if no URL is configured
 * @param codebase the codebase of its changes
 * @param format how bodies become properties
 * @param enabled whether the queue is polled
 * @param pollInterval the pause between polling runs
 * @param waitTimeSeconds the long-polling wait of one receive
 * @param maxMessages the number of messages one receive asks for
 * @param concurrency the number of receive loops polling the queue at the same time
 * @param prefetch whether a loop receives its next batch while it handles the current one
 * @param prefetchBatches with prefetch, how many batches a loop may hold ahead of the one it handles
 * @param visibilityTimeoutSeconds the visibility timeout one receive asks for, if configured
 * @param client the named SQS client to use, if not the default one
 * @param invalidMessage what happens to a message that cannot be made into a change
 * @param onFailure what happens to a message whose observer threw
 * @param retryDelay the delay before the second delivery of a failed message, with {@code retry}
 * @param retryMaxDelay the longest delay between deliveries, with {@code retry}
 * @param visibilityHeartbeat whether visibility is extended while observers work
 * @param handlerTimeout how long a batch's observers may run before the queue reports them as stalled; zero: never
 * @param deduplicate whether already handled message ids are skipped
 * @param snsJsonMessage for {@code sns}: whether the SNS message is a JSON object
 * @param jsonSchema the class path resource of the JSON Schema messages must satisfy, if any
 * @param maxHeldMessages how many messages waiting in change sets the queue holds at most before it stops receiving
 */
public record QueueSettings(
        String name,
        Optional<String> url,
        Optional<String> queueName,
        String codebase,
        MessageFormat format,
        boolean enabled,
        Duration pollInterval,
        int waitTimeSeconds,
        int maxMessages,
        int concurrency,
        boolean prefetch,
        int prefetchBatches,
        OptionalInt visibilityTimeoutSeconds,
        Optional<String> client,
        FailureAction invalidMessage,
        FailureAction onFailure,
        Duration retryDelay,
        Duration retryMaxDelay,
        boolean visibilityHeartbeat,
        Duration handlerTimeout,
        boolean deduplicate,
        boolean snsJsonMessage,
        Optional<String> jsonSchema,
        int maxHeldMessages) {

    /**
     * @return whether this is a FIFO queue (its name ends with {@code .fifo})
     */
    public boolean fifo() {
        return url.or(() -> queueName).map(n -> n.endsWith(".fifo")).orElse(false);
    }

    /**
     * @param property a property of this queue, such as {@code max-messages}
     * @return the full name of that property
     */
    public String property(String property) {
        return ConfigNames.queueProperty(name, property);
    }
}
