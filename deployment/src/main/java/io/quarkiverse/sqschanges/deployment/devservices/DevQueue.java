package io.quarkiverse.sqschanges.deployment.devservices;

/**
 * A queue the Dev Service creates.
 *
 * @param name the SQS queue name
 * @param maxReceiveCount receives before a message moves to the queue's dead-letter queue; 0 for none
 * @param visibilityTimeoutSeconds the queue's visibility timeout; -1 for SQS's default
 */
record DevQueue(String name, int maxReceiveCount, int visibilityTimeoutSeconds) {

    private static final String FIFO_SUFFIX = ".fifo";

    boolean fifo() {
        return name.endsWith(FIFO_SUFFIX);
    }

    /** @return e.g. {@code orders-dlq} for {@code orders}, {@code orders-dlq.fifo} for {@code orders.fifo} */
    String deadLetterQueueName() {
        return fifo() ? name.substring(0, name.length() - FIFO_SUFFIX.length()) + "-dlq" + FIFO_SUFFIX : name + "-dlq";
    }
}
