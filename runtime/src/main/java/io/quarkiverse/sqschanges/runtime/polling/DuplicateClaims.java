package io.quarkiverse.sqschanges.runtime.polling;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.DuplicateFilter.Claim;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * The {@link DuplicateFilter} of a queue with {@code deduplicate=true}, as {@link BatchHandler} uses it: each message
 * is claimed before its change is fired, then confirmed as handled once its observers completed normally, or
 * released otherwise. A failing filter fails no message: a message it cannot claim is handled as new (at least once
 * beats at most once), counted, and said once per outage (see {@link FilterAvailability}); one it cannot record as
 * handled is deleted all the same.
 */
final class DuplicateClaims {

    /** The claim of a message received without a known visibility timeout: SQS's default. */
    private static final Duration DEFAULT_CLAIM = Duration.ofSeconds(30);

    private final String queue;
    private final DuplicateFilter filter;
    private final FilterAvailability availability;
    private final QueueCounters counters;
    /** Handled without the filter: nothing to confirm or release. */
    private final Set<SqsMessage> unclaimed = ConcurrentHashMap.newKeySet();

    /** @param filter the filter, or {@code null} if the queue does not deduplicate */
    DuplicateClaims(String queue, DuplicateFilter filter, FilterAvailability availability, QueueCounters counters) {
        this.queue = queue;
        this.filter = filter;
        this.availability = availability;
        this.counters = counters;
    }

    /**
     * @param visibilitySeconds the visibility timeout the message was received with; 0 or less if unknown
     * @return what the filter says of the message; {@link Claim#CLAIMED} without a filter, or when it failed or is
     *         unavailable (the message is then handled as new)
     */
    Claim claim(SqsMessage message, int visibilitySeconds) {
        if (filter == null) {
            return Claim.CLAIMED;
        }
        if (!availability.mayAsk()) {
            return withoutFilter(message);
        }
        try {
            Claim claim = filter.claim(queue, message.messageId(),
                    visibilitySeconds > 0 ? Duration.ofSeconds(visibilitySeconds) : DEFAULT_CLAIM);
            availability.worked();
            return claim == null ? Claim.CLAIMED : claim;
        } catch (Throwable e) {
            availability.failed("claim message " + message.messageId() + " of queue '" + queue + "'", e);
            return withoutFilter(message);
        }
    }

    private Claim withoutFilter(SqsMessage message) {
        unclaimed.add(message);
        counters.handledWithoutDuplicateFilter();
        availability.handledWithout();
        return Claim.CLAIMED;
    }

    /** Every observer of the claimed message completed normally. */
    void handled(SqsMessage message) {
        if (filter == null || unclaimed.remove(message)) {
            return;
        }
        try {
            filter.handled(queue, message.messageId());
            availability.worked();
        } catch (Throwable e) {
            availability.failed("record message " + message.messageId() + " of queue '" + queue + "' as handled (a"
                    + " copy delivered later may fire again)", e);
        }
    }

    /** The claimed message was not handled (it failed, or made no change): its next copy is handled as new. */
    void release(SqsMessage message) {
        if (filter == null || unclaimed.remove(message)) {
            return;
        }
        try {
            filter.release(queue, message.messageId());
            availability.worked();
        } catch (Throwable e) {
            availability.failed("release message " + message.messageId() + " of queue '" + queue + "' (its claim"
                    + " expires)", e);
        }
    }
}
