package io.quarkiverse.sqschanges.benchmark.runner;

/**
 * An SQS request seen by the proxy.
 *
 * @param action such as {@code ReceiveMessage}
 * @param queue the name of the queue it is about; empty for requests about no queue
 * @param nanos when its headers went through, on the {@link System#nanoTime()} clock
 */
record Request(String action, String queue, long nanos) {

    static final String RECEIVE = "ReceiveMessage";
}
