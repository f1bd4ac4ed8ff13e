package io.quarkiverse.sqschanges;

/**
 * Remembers which messages were handled, for queues with {@code deduplicate=true}: a message delivered again
 * after it was handled is deleted without firing its change a second time.
 * <p>
 * Before it fires a message's change, the extension {@link #claim claims} the message. A claim that succeeds is then
 * either confirmed with {@link #handled}, once every observer has completed normally, or given up with
 * {@link #release}, when the message was not handled (an observer or the mapper failed, the message is invalid or
 * makes no change, the application stopped): exactly one of the two, once. A copy of the message that comes while
 * it is claimed is neither fired nor deleted: the first copy may still fail, and SQS delivers the message again.
 * <p>
 * The extension provides an in-memory filter (per application instance, bounded by
 * {@code quarkus.sqs-changes.deduplication.*}), which knows the claims of its own instance. To share what was
 * handled between instances, or to keep it across restarts, provide a bean implementing this interface (for example
 * backed by a database or Redis): it replaces the in-memory one. It is called from the polling threads of several
 * queues at once and must be thread-safe. A filter written for the first version of this interface, with
 * {@link #alreadyHandled} and {@link #handled} only, keeps working: it does not know about claims, so copies in
 * flight at the same time are both fired, as before.
 */
public interface DuplicateFilter {

    /** What {@link #claim} found. */
    enum Claim {
        /** The message is claimed for this caller: fire its change, then call {@link #handled} or {@link #release}. */
        CLAIMED,
        /** The change of the message was handled already: the copy is deleted without firing. */
        HANDLED,
        /** Another copy of the message is claimed, being handled: this copy is neither fired nor deleted. */
        IN_FLIGHT
    }

    /**
     * @param queue the configured queue name
     * @param messageId the SQS message id
     * @return whether the change of that message was already handled
     */
    boolean alreadyHandled(String queue, String messageId);

    /**
     * Records that every observer of the change of that message completed normally; this confirms its claim.
     *
     * @param queue the configured queue name
     * @param messageId the SQS message id
     */
    void handled(String queue, String messageId);

    /**
     * Claims a message before its change is fired: atomically, so that of two copies claimed at the same time only
     * one gets {@link Claim#CLAIMED}. A filter shared between instances should let a claim expire after longer than
     * handling a message can take (an instance may stop without releasing its claims), and no sooner than the
     * queue's visibility timeout.
     * <p>
     * The default knows no claims: {@link Claim#HANDLED} if {@link #alreadyHandled}, otherwise
     * {@link Claim#CLAIMED}.
     *
     * @param queue the configured queue name
     * @param messageId the SQS message id
     * @return whether to fire the change ({@link Claim#CLAIMED}), delete the copy ({@link Claim#HANDLED}) or leave
     *         it on the queue ({@link Claim#IN_FLIGHT})
     */
    default Claim claim(String queue, String messageId) {
        return alreadyHandled(queue, messageId) ? Claim.HANDLED : Claim.CLAIMED;
    }

    /**
     * Gives up the claim of a message that was not handled, so that its next delivery is claimed and fired anew.
     * The default does nothing.
     *
     * @param queue the configured queue name
     * @param messageId the SQS message id
     */
    default void release(String queue, String messageId) {
    }
}
