package io.quarkiverse.sqschanges.runtime.polling;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.DuplicateFilter.Claim;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * The {@link DuplicateFilter} of a queue with {@code deduplicate=true}, as {@link BatchHandler} uses it: each message
 * is claimed before its change is fired, then confirmed as handled once its observers completed normally, or
 * released otherwise. A failing filter fails no message: a message it cannot claim is handled as new, one it
 * cannot record as handled is deleted all the same.
 */
final class DuplicateClaims {

    private static final Logger LOG = Logger.getLogger(DuplicateClaims.class);

    private final String queue;
    private final DuplicateFilter filter;

    /** @param filter the filter, or {@code null} if the queue does not deduplicate */
    DuplicateClaims(String queue, DuplicateFilter filter) {
        this.queue = queue;
        this.filter = filter;
    }

    /**
     * @return what the filter says of the message; {@link Claim#CLAIMED} without a filter, or when it failed (the
     *         message is then handled as new, and confirmed or released all the same)
     */
    Claim claim(SqsMessage message) {
        if (filter == null) {
            return Claim.CLAIMED;
        }
        try {
            Claim claim = filter.claim(queue, message.messageId());
            return claim == null ? Claim.CLAIMED : claim;
        } catch (Throwable e) {
            LOG.warnf(e, "The duplicate filter %s failed for message %s of queue '%s'; handling it as new",
                    filter.getClass().getName(), message.messageId(), queue);
            return Claim.CLAIMED;
        }
    }

    /** Every observer of the claimed message completed normally. */
    void handled(SqsMessage message) {
        if (filter == null) {
            return;
        }
        try {
            filter.handled(queue, message.messageId());
        } catch (Throwable e) {
            LOG.warnf(e, "The duplicate filter %s could not record message %s of queue '%s' as handled",
                    filter.getClass().getName(), message.messageId(), queue);
        }
    }

    /** The claimed message was not handled (it failed, or made no change): its next copy is handled as new. */
    void release(SqsMessage message) {
        if (filter == null) {
            return;
        }
        try {
            filter.release(queue, message.messageId());
        } catch (Throwable e) {
            LOG.warnf(e, "The duplicate filter %s could not release message %s of queue '%s'",
                    filter.getClass().getName(), message.messageId(), queue);
        }
    }
}
