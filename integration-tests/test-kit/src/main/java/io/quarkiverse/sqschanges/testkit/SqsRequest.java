package io.quarkiverse.sqschanges.testkit;

/**
 * An SQS request seen by an {@link SqsProxy}.
 *
 * @param action such as {@code ReceiveMessage}
 * @param queue the name of the queue it is about; empty for requests about no queue
 * @param nanos when its headers went through, on the {@link System#nanoTime()} clock
 */
public record SqsRequest(String action, String queue, long nanos) {

    public static final String RECEIVE = "ReceiveMessage";
}
