package io.quarkiverse.sqschanges.runtime.polling;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Tracks the worker pool refusing a queue's tasks (a bounded {@code quarkus.thread-pool.queue-size} that is full):
 * a WARN when it starts refusing and an INFO when it takes tasks again; after a refusal the queue receives
 * nothing for a pause that doubles with each refusal after it has ended (from 100 ms up to 5 s; refusals within a
 * pause, such as those of one batch's messages, count once), so that a saturated pool is not answered with receives
 * whose messages it would refuse again.
 */
final class WorkerRefusals {

    private static final Logger LOG = Logger.getLogger(WorkerRefusals.class);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String queueName;
    private final String concurrencyProperty;
    private volatile boolean refusing;
    private volatile long pausedUntilNanos;
    private long pauseNanos = FIRST_PAUSE_NANOS;

    WorkerRefusals(String queueName, String concurrencyProperty) {
        this.queueName = queueName;
        this.concurrencyProperty = concurrencyProperty;
    }

    synchronized void refused(RejectedExecutionException e) {
        if (!refusing) {
            refusing = true;
            pauseNanos = FIRST_PAUSE_NANOS;
            LOG.warnf("The worker thread pool refused to run a task of queue '%s' (%s): the messages it held are made"
                    + " visible again for another delivery, and the queue pauses receiving while the pool is full."
                    + " Raise quarkus.thread-pool.max-threads or quarkus.thread-pool.queue-size, or lower %s",
                    queueName, Failures.describe(e), concurrencyProperty);
        } else if (pausing()) {
            // refused again within the pause (the other messages of one batch, say): that is the same refusal
            return;
        } else {
            pauseNanos = Math.min(MAX_PAUSE_NANOS, pauseNanos * 2);
            LOG.debugf("The worker thread pool refused another task of queue '%s'", queueName);
        }
        pausedUntilNanos = System.nanoTime() + pauseNanos;
    }

    /** @return how long the queue pauses after the latest refusal */
    synchronized long pauseNanos() {
        return pauseNanos;
    }

    /** @return whether the queue should not receive now, because the pool refused its last task a moment ago */
    boolean pausing() {
        return refusing && System.nanoTime() - pausedUntilNanos < 0;
    }

    void accepted() {
        if (refusing) {
            stoppedRefusing();
        }
    }

    private synchronized void stoppedRefusing() {
        if (refusing) {
            refusing = false;
            LOG.infof("The worker thread pool runs the tasks of queue '%s' again", queueName);
        }
    }
}
