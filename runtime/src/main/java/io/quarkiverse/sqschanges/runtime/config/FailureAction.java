package io.quarkiverse.sqschanges.runtime.config;

/**
 * What happens to a message that failed: one that could not be made into a change, or whose observer threw.
 */
public enum FailureAction {
    /** Leave it on the queue: SQS delivers it again after its visibility timeout, or moves it by its redrive policy. */
    KEEP,
    /** Delete it. */
    DELETE,
    /**
     * Leave it on the queue, but set its visibility timeout to the queue's {@code retry-delay}, doubled on each
     * delivery up to {@code retry-max-delay}: later deliveries come further apart.
     */
    RETRY
}
