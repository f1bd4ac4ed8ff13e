package io.quarkiverse.sqschanges;

import java.util.List;

/**
 * Controls the polling of the configured queues at runtime. Inject it:
 * {@code @Inject ChangeSourceControl control;}.
 * <p>
 * Each queue is polled by the scheduler job {@code sqs-changes:<queue>}, so {@code Scheduler.pause(identity)} and
 * {@code Scheduler.resume(identity)} work as well as {@link #pause(String)} and {@link #resume(String)}.
 */
public interface ChangeSourceControl {

    /**
     * @return the configured queue names, sorted
     */
    List<String> queues();

    /**
     * Stops polling the queue until {@link #resume(String)}; changes in flight finish.
     *
     * @throws IllegalArgumentException if the queue is not configured, or disabled
     */
    void pause(String queue);

    /**
     * Resumes polling a paused queue.
     *
     * @throws IllegalArgumentException if the queue is not configured, or disabled
     */
    void resume(String queue);

    /**
     * Polls the queue now rather than at its next scheduled time (Buildbot's {@code force()}), even while polling
     * backs off after failed calls to SQS. Does nothing if a receive loop of the queue is going already.
     *
     * @throws IllegalArgumentException if the queue is not configured, or disabled
     * @throws IllegalStateException if the queue is paused
     */
    void pollNow(String queue);

    /**
     * The queue's state is one of several that can hold at once; the first that holds is reported, in this order:
     * {@link QueueState#DISABLED DISABLED}, {@link QueueState#STOPPED STOPPED}, {@link QueueState#PAUSED PAUSED},
     * {@link QueueState#FAILING FAILING}, {@link QueueState#STALLED STALLED}, {@link QueueState#POLLING POLLING}. A
     * paused or failing queue can thus have a stalled batch that its state does not show; the readiness check is
     * DOWN for it all the same, and names it.
     *
     * @return the queue's state and counts
     * @throws IllegalArgumentException if the queue is not configured
     */
    QueueStatus status(String queue);
}
