package io.quarkiverse.sqschanges.runtime.config;

/**
 * Spells configuration property names the way users write them, for error messages.
 */
public final class ConfigNames {

    /** The prefix of every property of this extension. */
    public static final String PREFIX = "quarkus.sqs-changes";

    private ConfigNames() {
    }

    /**
     * @param queue a configured queue name
     * @param property a property of a queue, such as {@code url}
     * @return e.g. {@code quarkus.sqs-changes.queues.orders.url}, quoting a name that contains a dot
     */
    public static String queueProperty(String queue, String property) {
        String key = queue.indexOf('.') >= 0 ? '"' + queue + '"' : queue;
        return PREFIX + ".queues." + key + "." + property;
    }
}
