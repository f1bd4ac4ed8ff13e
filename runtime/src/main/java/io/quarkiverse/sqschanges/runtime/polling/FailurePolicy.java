package io.quarkiverse.sqschanges.runtime.polling;

import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.FailureAction;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.SqsLimits;

/**
 * Decides what happens to a message of one queue once it is handled: deleted when every observer completed
 * normally; otherwise deleted, kept or retried, as the queue's {@code invalid-message} (it could not be made into a
 * change) or {@code on-failure} (an observer failed) says. A message is kept, whatever the queue says, when its
 * mapper or its observers failed while the application was stopping (most likely cut short by the shutdown: what
 * they use may be closing) or when the extension itself failed to handle it; it is made visible again when the
 * worker pool refused to run its asynchronous observers.
 */
final class FailurePolicy {

    /** What becomes of a message. */
    enum Fate {
        /** Deleted from the queue. */
        DELETE,
        /** Left as it is: released at once from the heartbeat, so that SQS delivers it again. */
        KEEP,
        /** Left hidden until its batch is settled, then its next delivery delayed. */
        RETRY,
        /**
         * Kept hidden past its batch while its changes wait in change sets; settled on its own once they are done.
         */
        HOLD
    }

    /**
     * @param fate what becomes of the message
     * @param retryDelaySeconds with {@link Fate#RETRY}, the visibility timeout that delays its next delivery
     * @param description what becomes of it, for the log: "The message is ..."
     */
    record Decision(Fate fate, int retryDelaySeconds, String description) {
    }

    /** Every observer completed normally, or there was nothing to fire. */
    static final Decision HANDLED = new Decision(Fate.DELETE, 0, "deleted");
    /** The extension's own failure, or a shutdown: never deleted or delayed for it. */
    static final Decision KEPT = new Decision(Fate.KEEP, 0, "kept and delivered again");
    /**
     * A copy of a message that this instance is handling ({@code deduplicate=true}): not fired, and not deleted,
     * since the handling may still fail; SQS delivers it again, and once the message is handled, it is deleted.
     */
    static final Decision COPY_IN_FLIGHT = new Decision(Fate.KEEP, 0,
            "left on the queue, neither fired nor deleted, until SQS delivers it again");

    /**
     * The worker pool refused to run its asynchronous observers: not an observer's failure, so never deleted for it
     * (whatever {@code on-failure} says); made visible again once its batch is settled, for another delivery.
     */
    static final Decision REFUSED = new Decision(Fate.RETRY, 0,
            "made visible again for another delivery: the worker pool refused to run its asynchronous observers");

    /** Every observer of its changes completed normally, and they wait in change sets. */
    static final Decision HELD = new Decision(Fate.HOLD, 0, "held until its change sets are handled");

    private final QueueSettings queue;

    FailurePolicy(QueueSettings queue) {
        this.queue = queue;
    }

    /**
     * @param mapperFailed whether the queue's mapper threw, rather than the body not fitting the queue's format
     * @param stopping whether the application is stopping
     * @return for a message that cannot be made into a change: as {@code invalid-message} says, or kept when its
     *         mapper threw while the application was stopping
     */
    Decision invalid(SqsMessage message, boolean mapperFailed, boolean stopping) {
        return mapperFailed && stopping ? KEPT : decide(queue.invalidMessage(), "invalid-message", message);
    }

    /**
     * @param stopping whether the application is stopping
     * @return for a message one of whose observers failed: as {@code on-failure} says, or kept when stopping
     */
    Decision observerFailed(SqsMessage message, boolean stopping) {
        return stopping ? KEPT : decide(queue.onFailure(), "on-failure", message);
    }

    /**
     * @param receiveCount the delivery that failed, 1 for the first
     * @return the visibility timeout that delays the next delivery, in seconds: {@code retry-delay} doubled on each
     *         delivery, up to {@code retry-max-delay} and SQS's longest visibility timeout
     */
    int retryDelaySeconds(int receiveCount) {
        long delay = queue.retryDelay().toSeconds();
        long max = queue.retryMaxDelay().toSeconds();
        for (int i = 1; i < receiveCount && delay < max; i++) {
            delay *= 2;
        }
        return (int) Math.min(Math.min(delay, max), SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS);
    }

    private Decision decide(FailureAction action, String property, SqsMessage message) {
        String name = queue.property(property);
        switch (action) {
            case DELETE:
                return new Decision(Fate.DELETE, 0, "deleted (" + name + "=delete)");
            case RETRY:
                int delay = retryDelaySeconds(message.receiveCount());
                return new Decision(Fate.RETRY, delay, "delivered again in " + delay + " s (" + name + "=retry)");
            default:
                return new Decision(Fate.KEEP, 0, "kept: SQS delivers it again after its visibility timeout, or"
                        + " moves it to the queue's dead-letter queue (" + name + "=keep)");
        }
    }
}
