package io.quarkiverse.sqschanges.runtime.polling;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Spaces out polling attempts after failures: exponential back-off with jitter, capped. It logs once when a queue
 * starts failing and once when it recovers, not on every attempt.
 * <p>
 * It measures the time elapsed since the last failure, on a monotonic clock (one that may start anywhere, as
 * {@code System.nanoTime()} does): a wall clock set back (an NTP step) would pause polling for as long. Should the
 * clock go back all the same, the next attempt is let through rather than held.
 */
final class PollingBackoff {

    private static final Logger LOG = Logger.getLogger(PollingBackoff.class);

    private final long initialMillis;
    private final long maxMillis;
    private final LongSupplier clock;

    private int consecutiveFailures;
    private long failedAt;
    private long waitMillis;

    /** @param clock milliseconds on a monotonic clock, of any origin */
    PollingBackoff(Duration initial, Duration max, LongSupplier clock) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.clock = clock;
    }

    /** The next attempt may be made at once, whatever the back-off said: someone asked for it. */
    synchronized void attemptNow() {
        waitMillis = 0;
    }

    synchronized boolean mayAttempt() {
        if (consecutiveFailures == 0) {
            return true;
        }
        long elapsed = clock.getAsLong() - failedAt;
        return elapsed >= waitMillis || elapsed < 0;
    }

    synchronized void succeeded(String queue) {
        if (consecutiveFailures > 0) {
            LOG.infof("Polling of queue '%s' works again after %d failed attempt(s)", queue, consecutiveFailures);
            consecutiveFailures = 0;
        }
    }

    synchronized void failed(String queue, Throwable cause) {
        consecutiveFailures++;
        long delay = delayMillis(consecutiveFailures);
        failedAt = clock.getAsLong();
        waitMillis = delay;
        if (consecutiveFailures == 1) {
            LOG.warnf("Polling of queue '%s' failed (%s); retrying with back-off (up to %d s) until it works again",
                    queue, Failures.describe(cause), maxMillis / 1000);
        } else {
            LOG.debugf("Polling of queue '%s' failed again (attempt %d, next in %d ms): %s", queue,
                    consecutiveFailures, delay, Failures.describe(cause));
        }
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    long delayMillis(int failures) {
        long exponential = initialMillis << Math.min(failures - 1, 20);
        long capped = Math.min(maxMillis, exponential);
        // equal jitter: half fixed, half random, so that instances that failed together do not retry together
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
