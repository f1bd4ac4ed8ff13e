package io.quarkiverse.sqschanges.runtime.polling;

import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;

/**
 * Reports the worker pool refusing a queue's tasks (a bounded {@code quarkus.thread-pool.queue-size} that is full):
 * a WARN when it starts refusing, and an INFO when it takes tasks again.
 */
final class WorkerRefusals {

    private static final Logger LOG = Logger.getLogger(WorkerRefusals.class);

    private final String queueName;
    private volatile boolean refusing;

    WorkerRefusals(String queueName) {
        this.queueName = queueName;
    }

    synchronized void refused(RejectedExecutionException e) {
        if (!refusing) {
            refusing = true;
            LOG.warnf("The worker thread pool refused to run a task of queue '%s' (%s): the messages it held are made"
                    + " visible again for another delivery, and polling backs off. Raise quarkus.thread-pool.max-threads"
                    + " or quarkus.thread-pool.queue-size, or lower the queue's concurrency", queueName,
                    Failures.describe(e));
        } else {
            LOG.debugf("The worker thread pool refused another task of queue '%s'", queueName);
        }
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
