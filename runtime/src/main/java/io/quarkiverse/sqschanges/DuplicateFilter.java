package io.quarkiverse.sqschanges;

/**
 * Remembers which messages were handled, for queues with {@code deduplicate=true}: a message delivered again
 * after it was handled is deleted without firing its change a second time.
 * <p>
 * The extension provides an in-memory filter (per application instance, bounded by
 * {@code quarkus.sqs-changes.deduplication.*}). To share what was handled between instances, or to keep it across
 * restarts, provide a bean implementing this interface (for example backed by a database or Redis): it replaces
 * the in-memory one. It is called from the polling threads of several queues at once and must be thread-safe.
 */
public interface DuplicateFilter {

    /**
     * @param queue the configured queue name
     * @param messageId the SQS message id
     * @return whether the change of that message was already handled
     */
    boolean alreadyHandled(String queue, String messageId);

    /**
     * Records that every observer of the change of that message completed normally.
     *
     * @param queue the configured queue name
     * @param messageId the SQS message id
     */
    void handled(String queue, String messageId);
}
