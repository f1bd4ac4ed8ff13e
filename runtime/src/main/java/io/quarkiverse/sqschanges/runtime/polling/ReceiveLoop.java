package io.quarkiverse.sqschanges.runtime.polling;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * One receive loop. It handles one batch at a time and receives until a receive comes back empty, a call to SQS
 * fails, or polling stops or is paused. With {@code prefetch}, the next receive is under way while a batch is
 * being handled, and a batch that arrives meanwhile waits (at most one); without it, the next receive starts
 * once the batch is handled. Deleting a handled batch overlaps with handling the next one. The loop has ended
 * when nothing of it is in flight any more: no receive, no batch being handled or waiting, no delete; it then tells
 * its poller, and never waits for another loop.
 * <p>
 * A batch whose observers outlive {@code handler-timeout} stalls the loop: it receives no more, its waiting batch
 * is made visible again for other consumers, and the poller no longer counts it toward {@code concurrency}.
 */
final class ReceiveLoop {

    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class);

    private final QueuePoller poller;
    private final QueueSettings queue;
    // the loop's state, guarded by this
    private boolean receiving;
    private Batch handling;
    private Batch waiting;
    private int settling;
    private boolean ended;
    private boolean stalled;
    private boolean done;
    /** When the observers of the batch being handled started, on the monotonic clock; 0 when none runs. */
    private long handlingSince;

    ReceiveLoop(QueuePoller poller) {
        this.poller = poller;
        this.queue = poller.queue();
    }

    void start() {
        synchronized (this) {
            receiving = true;
        }
        receive();
    }

    private void receive() {
        QueuePoller.Receive receive = poller.nextReceive();
        poller.receive(receive).whenComplete((response, failure) -> {
            if (!(failure != null && Failures.unwrap(failure) instanceof CancellationException)) {
                poller.counters().receiveRequest(failure == null);
            }
            if (failure != null) {
                poller.failed(failure);
                end();
            } else {
                try {
                    received(response, receive);
                } catch (Throwable e) {
                    // never leave the loop waiting on a receive that is over: its messages come back after their
                    // visibility timeout
                    LOG.errorf(e, "Taking a batch of queue '%s' failed; its messages will be delivered again",
                            queue.name());
                    end();
                }
            }
        });
    }

    /** @param receivedBy how they were received: the heartbeat follows the visibility timeout they got */
    private void received(ReceiveMessageResponse response, QueuePoller.Receive receivedBy) {
        List<Message> messages = response.hasMessages() ? response.messages() : List.of();
        poller.received(messages);
        if (messages.isEmpty()) {
            poller.receiveSucceeded(false);
            end();
            return;
        }
        if (poller.stopping()) {
            poller.receiveSucceeded(false);
            poller.release(messages, "release it at shutdown").whenComplete((ignored, failure) -> end());
            return;
        }
        Batch batch = new Batch(messages, receivedBy.visibilitySeconds(), poller.keepHidden(messages, receivedBy));
        boolean handleNow;
        boolean receiveNext;
        boolean releaseInstead;
        synchronized (this) {
            receiving = false;
            releaseInstead = ended;
            if (releaseInstead) {
                // a receive that was under way when the loop stalled or its last batch was refused
                settling++;
                handleNow = false;
                receiveNext = false;
            } else {
                handleNow = handling == null;
                if (handleNow) {
                    handling = batch;
                } else {
                    waiting = batch;
                }
                // a batch may only wait for its turn while the heartbeat keeps it hidden
                receiveNext = handleNow && queue.prefetch() && batch.keptHidden() && startReceiving();
            }
        }
        // more loops join before this one goes on, so that a burst is shared at once
        poller.receiveSucceeded(true);
        if (releaseInstead) {
            release(batch, "hand it to another consumer: its loop receives no more");
            return;
        }
        if (handleNow) {
            handleOnWorker(batch);
        }
        if (receiveNext) {
            receive();
        }
    }

    /** Marks a receive as started if the loop may go on; guarded by {@code this}. */
    private boolean startReceiving() {
        if (ended || receiving || !poller.mayReceive()) {
            return false;
        }
        receiving = true;
        return true;
    }

    /** Hands the batch to a worker thread; a refused batch is made visible again and the loop ends. */
    private void handleOnWorker(Batch batch) {
        if (poller.execute(() -> handle(batch))) {
            return;
        }
        synchronized (this) {
            handling = null;
            ended = true;
            settling++;
        }
        release(batch, "hand it back after the worker pool refused it");
    }

    private void handle(Batch batch) {
        long start = System.nanoTime();
        synchronized (this) {
            handlingSince = start;
        }
        CompletionStage<BatchOutcome> handled;
        try {
            handled = poller.handle(batch.messages, batch.visibilitySeconds, batch::released);
        } catch (Throwable e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((outcome, failure) -> {
            boolean wasStalled;
            synchronized (this) {
                // from here on the stall check leaves this batch alone
                handlingSince = 0;
                wasStalled = stalled;
            }
            if (wasStalled) {
                poller.stallEnded(batch.messages, (System.nanoTime() - start) / 1_000_000);
            }
            CompletableFuture<Void> heartbeatStopped = batch.stopHeartbeat();
            if (failure != null) {
                LOG.errorf(failure, "Handling a batch of queue '%s' failed; its messages will be delivered again",
                        queue.name());
                handledThen(null, heartbeatStopped);
            } else {
                handledThen(outcome, heartbeatStopped);
            }
        });
    }

    /**
     * Stalls the loop if its batch's observers have run for {@code timeoutNanos}: it receives no more, the poller no
     * longer counts it toward {@code concurrency}, and its waiting batch is made visible again.
     *
     * @return the stalled batch's messages, or {@code null} if the loop did not stall now
     */
    List<Message> checkStall(long nowNanos, long timeoutNanos) {
        Batch freed;
        List<Message> stalledMessages;
        synchronized (this) {
            if (handling == null || handlingSince == 0 || stalled || nowNanos - handlingSince < timeoutNanos) {
                return null;
            }
            stalled = true;
            ended = true;
            stalledMessages = handling.messages;
            freed = waiting;
            waiting = null;
            if (freed != null) {
                settling++;
            }
            // counted under this loop's lock, so that the loop's end is counted after it
            poller.loopStalled();
        }
        if (freed != null) {
            release(freed, "hand it to another consumer while an earlier batch stalls");
        }
        return stalledMessages;
    }

    /**
     * Settles a handled batch (its deletes and retry delays) and lets the loop go on.
     *
     * @param heartbeatStopped completes once the batch's last visibility extension is answered: retry delays
     *        are set after it, so that it cannot override them
     */
    private void handledThen(BatchOutcome outcome, CompletableFuture<Void> heartbeatStopped) {
        Batch next;
        Batch released = null;
        boolean receiveNext;
        synchronized (this) {
            if (outcome != null) {
                settling++;
            }
            next = waiting;
            waiting = null;
            if (next != null && poller.stopping()) {
                released = next;
                next = null;
                settling++;
            }
            handling = next;
            receiveNext = startReceiving();
        }
        if (outcome != null) {
            poller.settle(outcome, heartbeatStopped).whenComplete((ignored, failure) -> settled(failure));
        }
        if (released != null) {
            release(released, "release it at shutdown");
        }
        if (next != null) {
            handleOnWorker(next);
        }
        if (receiveNext) {
            receive();
        }
        completeIfIdle();
    }

    /** Makes a batch that will not be handled visible again, once its heartbeat has stopped; counted as settling. */
    private void release(Batch batch, String purpose) {
        batch.stopHeartbeat().thenCompose(ignored -> poller.release(batch.messages, purpose))
                .whenComplete((ignored, failure) -> settled(null));
    }

    private void settled(Throwable failure) {
        if (failure != null) {
            LOG.errorf(failure, "Settling a handled batch of queue '%s' failed", queue.name());
        }
        synchronized (this) {
            settling--;
            if (failure != null) {
                ended = true;
            }
        }
        completeIfIdle();
    }

    /** No more receives for this loop: what is in flight finishes, then the loop is done. */
    private void end() {
        synchronized (this) {
            receiving = false;
            ended = true;
        }
        completeIfIdle();
    }

    private void completeIfIdle() {
        boolean nowDone;
        boolean wasStalled;
        synchronized (this) {
            nowDone = !done && !receiving && handling == null && waiting == null && settling == 0;
            done |= nowDone;
            wasStalled = stalled;
        }
        if (nowDone) {
            poller.loopEnded(this, wasStalled);
        }
    }

    /**
     * A received batch, kept hidden by the visibility heartbeat from its receipt until it is handled and its deletes
     * are sent; a message that is kept after a failure is released from the heartbeat at once.
     */
    private static final class Batch {

        final List<Message> messages;
        /** The visibility timeout the batch was received with; -1 if the queue's own, unknown. */
        final int visibilitySeconds;
        private final VisibilityHeartbeat.Beat beat;

        /** @param beat the heartbeat that keeps the batch hidden, or {@code null} */
        Batch(List<Message> messages, int visibilitySeconds, VisibilityHeartbeat.Beat beat) {
            this.messages = messages;
            this.visibilitySeconds = visibilitySeconds;
            this.beat = beat;
        }

        /** @return whether the heartbeat keeps the batch hidden (it may then wait for its turn) */
        boolean keptHidden() {
            return beat != null;
        }

        void released(Message message) {
            if (beat != null) {
                beat.settled(message);
            }
        }

        /** @return completes once the last visibility extension, if any is under way, is answered */
        CompletableFuture<Void> stopHeartbeat() {
            return beat != null ? beat.stop() : CompletableFuture.completedFuture(null);
        }
    }
}
