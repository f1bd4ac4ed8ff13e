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
 * once the batch is handled. Deleting a handled batch overlaps with handling the next one. The loop is done
 * when nothing of it is in flight any more: no receive, no batch being handled or waiting, no delete.
 */
final class ReceiveLoop {

    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class);

    private final QueuePoller poller;
    private final QueueSettings queue;
    private final QueueCounters counters;
    private final CompletableFuture<Void> done;
    // the loop's state, guarded by this
    private boolean receiving;
    private Batch handling;
    private Batch waiting;
    private int settling;
    private boolean ended;

    /**
     * @param done completed when the loop is done
     */
    ReceiveLoop(QueuePoller poller, CompletableFuture<Void> done) {
        this.poller = poller;
        this.queue = poller.queue();
        this.counters = poller.counters();
        this.done = done;
    }

    void start() {
        synchronized (this) {
            receiving = true;
        }
        receive();
    }

    private void receive() {
        poller.receive().whenComplete((response, failure) -> {
            if (!(failure != null && Failures.unwrap(failure) instanceof CancellationException)) {
                counters.receiveRequest(failure == null);
            }
            if (failure != null) {
                poller.failed(failure);
                end();
            } else {
                received(response);
            }
        });
    }

    private void received(ReceiveMessageResponse response) {
        poller.receiveSucceeded();
        List<Message> messages = response.hasMessages() ? response.messages() : List.of();
        counters.received(messages.size());
        if (messages.isEmpty()) {
            end();
            return;
        }
        if (poller.stopping()) {
            poller.release(messages).whenComplete((ignored, failure) -> end());
            return;
        }
        Batch batch = new Batch(messages, poller.keepHidden(messages));
        boolean handleNow;
        boolean receiveNext;
        synchronized (this) {
            receiving = false;
            handleNow = handling == null;
            if (handleNow) {
                handling = batch;
            } else {
                waiting = batch;
            }
            // a batch may only wait for its turn while the heartbeat keeps it hidden
            receiveNext = handleNow && queue.prefetch() && batch.keptHidden() && startReceiving();
        }
        if (handleNow) {
            poller.execute(() -> handle(batch));
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

    private void handle(Batch batch) {
        CompletionStage<BatchOutcome> handled;
        try {
            handled = poller.handle(batch.messages, batch::released);
        } catch (Throwable e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((outcome, failure) -> {
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
            List<Message> messages = released.messages;
            released.stopHeartbeat().thenCompose(ignored -> poller.release(messages))
                    .whenComplete((ignored, failure) -> settled(null));
        }
        if (next != null) {
            Batch batch = next;
            poller.execute(() -> handle(batch));
        }
        if (receiveNext) {
            receive();
        }
        completeIfIdle();
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
        boolean idle;
        synchronized (this) {
            idle = !receiving && handling == null && waiting == null && settling == 0;
        }
        if (idle) {
            done.complete(null);
        }
    }

    /**
     * A received batch, kept hidden by the visibility heartbeat from its receipt until it is handled and its deletes
     * are sent; a message that is kept after a failure is released from the heartbeat at once.
     */
    private static final class Batch {

        final List<Message> messages;
        private final VisibilityHeartbeat.Beat beat;

        /** @param beat the heartbeat that keeps the batch hidden, or {@code null} */
        Batch(List<Message> messages, VisibilityHeartbeat.Beat beat) {
            this.messages = messages;
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
