package io.quarkiverse.sqschanges.runtime.polling;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.DuplicateFilter;

/**
 * Whether the application's {@link DuplicateFilter} works for one queue (a filter may fail for some queues only).
 * After it failed (its
 * database cannot be reached, say), messages are handled as new without asking it, and it is asked again once every
 * {@link #RETRY_NANOS}, by one message, so that an outage costs no timeout per message. The change of state is
 * logged once each way: a WARN when it fails, an INFO when it works again.
 */
final class FilterAvailability {

    private static final Logger LOG = Logger.getLogger(FilterAvailability.class);
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String queue;
    private final DuplicateFilter filter;
    private final LongSupplier nanos;
    // guarded by this
    private boolean down;
    private long retryAt;
    private long handledWithout;

    FilterAvailability(String queue, DuplicateFilter filter, LongSupplier nanos) {
        this.queue = queue;
        this.filter = filter;
        this.nanos = nanos;
    }

    /** @return whether to ask the filter now: it works, or it is time to try it again */
    synchronized boolean mayAsk() {
        if (!down) {
            return true;
        }
        long now = nanos.getAsLong();
        if (now - retryAt < 0) {
            return false;
        }
        // one message tries it; the others go on without it meanwhile
        retryAt = now + RETRY_NANOS;
        return true;
    }

    synchronized void worked() {
        if (down) {
            down = false;
            LOG.infof("The duplicate filter works again for queue '%s' (%s); %d message(s) were handled without it"
                    + " meanwhile", queue, filter, handledWithout);
            handledWithout = 0;
        }
    }

    /** @param what what it could not do, such as "claim message 123 of queue 'orders'" */
    synchronized void failed(String what, Throwable failure) {
        retryAt = nanos.getAsLong() + RETRY_NANOS;
        if (down) {
            LOG.debugf(failure, "The duplicate filter failed again: could not %s", what);
            return;
        }
        down = true;
        LOG.warnf("The duplicate filter failed for queue '%s' (%s): could not %s. Until it works again, the"
                + " queue's messages are handled as new, without the duplicate check, so a message delivered twice"
                + " may fire its change twice; they are counted by the metric sqs.changes.deduplication.unavailable."
                + " It is tried again every %d s", queue, Failures.describe(failure), what,
                TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS));
        LOG.debugf(failure, "The duplicate filter %s failed", filter);
    }

    synchronized void handledWithout() {
        handledWithout++;
    }
}
