package io.quarkiverse.sqschanges;

import java.time.Duration;

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
 * The extension provides two filters, chosen with {@code quarkus.sqs-changes.deduplication.store}: an in-memory one
 * (per application instance, bounded by {@code quarkus.sqs-changes.deduplication.window} and {@code max-entries}),
 * which knows the claims of its own instance, and one on the application's datasource ({@code store=datasource},
 * with {@code quarkus-agroal}), which shares claims and handled ids between instances and keeps them across
 * restarts. To keep them elsewhere (Redis, say), provide a bean implementing this interface: it replaces both. It is called
 * from the polling threads of several
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
     * Claims a message, as {@link #claim(String, String)} does, knowing how long the copy being claimed stays hidden
     * from other consumers: the visibility timeout it was received with. This is what the extension calls. A filter
     * shared between instances should keep the claim at least that long, and for as long as its holder is alive and
     * handling the message (renewing it, say): the visibility heartbeat keeps a slow message hidden longer than its
     * visibility timeout, and with the heartbeat off SQS shows the message to other consumers while it is handled.
     * After its holder died, the claim should expire about that long after it was last renewed, so that the next
     * copy is handled.
     * <p>
     * The default ignores the duration and calls {@link #claim(String, String)}, so that filters written before this
     * method keep working unchanged.
     *
     * @param queue the configured queue name
     * @param messageId the SQS message id
     * @param claimFor the visibility timeout the claimed copy was received with
     * @return as {@link #claim(String, String)}
     */
    default Claim claim(String queue, String messageId, Duration claimFor) {
        return claim(queue, messageId);
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
