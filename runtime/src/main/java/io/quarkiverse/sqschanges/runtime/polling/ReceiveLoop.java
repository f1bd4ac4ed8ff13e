package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * One receive loop. It handles one batch at a time and receives until a long poll comes back empty, a call to SQS
 * fails, or polling stops or is paused. With {@code prefetch}, receiving overlaps handling: the loop holds up to
 * {@code prefetch-batches} batches ahead of the one being handled, being received or received and waiting for their
 * turn (each kept hidden by the visibility heartbeat), and handles them one after the other in the order they
 * arrived. While the queue has a backlog (the last batch came back full) that many receives are in flight at once,
 * so that the loop is not bound to one round trip per batch; only one of them is a long poll, the others return at
 * once, and one that comes back empty or short ends the overlap until the next full batch. Otherwise one receive is
 * in flight at a time, and an idle queue costs one long poll at a time. Without prefetch, the next receive starts
 * once the batch is handled. On a FIFO queue, where SQS holds back a group while its messages are in flight (an
 * overlapping receive would mostly come back empty), one receive is in flight at a time. Deleting a handled batch
 * never holds up the next receive. The loop has ended when nothing of it is in flight any more: no receive, no
 * batch being handled or waiting, no delete; it then tells its poller, and never waits for another loop.
 * <p>
 * A batch whose observers outlive {@code handler-timeout} stalls the loop: it receives no more, its waiting batches
 * are made visible again for other consumers, and the poller no longer counts it toward {@code concurrency}.
 */
final class ReceiveLoop {

    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class);

    private final QueuePoller poller;
    private final QueueSettings queue;
    /** How many batches the loop may hold ahead of the one it handles, with prefetch. */
    private final int ahead;
    // the loop's state, guarded by this
    /** The receives in flight. */
    private int receiving;
    /** Whether one of them is a long poll. */
    private boolean longPolling;
    /** Whether the last batch came back full: more receives may overlap. */
    private boolean backlog;
    /** Whether the last batch may wait for its turn: prefetch is on and the heartbeat keeps it hidden. */
    private boolean prefetching;
    private Batch handling;
    private final Deque<Batch> waiting = new ArrayDeque<>();
    private int settling;
    /** No more receives; what the receives in flight bring is still handled. */
    private boolean draining;
    /** No more receives, and what the receives in flight bring is released: the loop stalled or was refused. */
    private boolean ended;
    private boolean stalled;
    private boolean done;
    /** When the observers of the batch being handled started, on the monotonic clock; 0 when none runs. */
    private long handlingSince;

    ReceiveLoop(QueuePoller poller) {
        this.poller = poller;
        this.queue = poller.queue();
        this.ahead = queue.fifo() ? 1 : queue.prefetchBatches();
    }

    void start() {
        synchronized (this) {
            receiving = 1;
            longPolling = true;
        }
        receive(true);
    }

    private void receive(boolean longPoll) {
        QueuePoller.Receive receive = poller.nextReceive();
        poller.receive(receive, longPoll).whenComplete((response, failure) -> {
            if (!(failure != null && Failures.unwrap(failure) instanceof CancellationException)) {
                poller.counters().receiveRequest(failure == null);
            }
            if (failure != null) {
                poller.failed(failure);
                receiveOver(longPoll, true);
            } else {
                received(response, receive, longPoll);
            }
        });
    }

    /**
     * @param receivedBy how they were received: the heartbeat follows the visibility timeout they got
     * @param longPoll whether the receive waited for messages: coming back empty, it ends the loop
     */
    private void received(ReceiveMessageResponse response, QueuePoller.Receive receivedBy, boolean longPoll) {
        List<Message> messages = response.hasMessages() ? response.messages() : List.of();
        Batch batch;
        try {
            poller.received(messages);
            batch = messages.isEmpty() || poller.stopping() ? null
                    : new Batch(messages, receivedBy.visibilitySeconds(), poller.keepHidden(messages, receivedBy));
        } catch (Throwable e) {
            // never leave the loop waiting on a receive that is over: its messages come back after their
            // visibility timeout
            LOG.errorf(e, "Taking a batch of queue '%s' failed; its messages will be delivered again", queue.name());
            receiveOver(longPoll, true);
            return;
        }
        if (messages.isEmpty()) {
            poller.receiveSucceeded(false);
            // an empty long poll: the queue had nothing for a whole wait time; an empty overlapping receive only ends
            // the overlap
            receiveOver(longPoll, longPoll);
            return;
        }
        if (batch == null) {
            poller.receiveSucceeded(false);
            synchronized (this) {
                settling++;
            }
            poller.release(messages, "release it at shutdown").whenComplete((ignored, failure) -> settled(null));
            receiveOver(longPoll, true);
            return;
        }
        boolean handleNow = false;
        boolean releaseInstead;
        Starts starts = Starts.NONE;
        synchronized (this) {
            receiveEnded(longPoll);
            releaseInstead = ended;
            if (releaseInstead) {
                // a receive that was under way when the loop stalled or its last batch was refused
                settling++;
            } else {
                backlog = messages.size() >= queue.maxMessages();
                // a batch may only wait for its turn while the heartbeat keeps it hidden
                prefetching = queue.prefetch() && batch.keptHidden();
                handleNow = handling == null;
                if (handleNow) {
                    handling = batch;
                } else {
                    waiting.add(batch);
                }
                starts = startReceiving();
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
        send(starts);
    }

    /** Counts a receive as over; guarded by {@code this}. */
    private void receiveEnded(boolean longPoll) {
        receiving--;
        if (longPoll) {
            longPolling = false;
        }
    }

    /**
     * A receive is over without a batch to handle.
     *
     * @param drain whether the loop receives no more: the queue is empty, a call failed, or polling stops
     */
    private void receiveOver(boolean longPoll, boolean drain) {
        Starts starts = Starts.NONE;
        synchronized (this) {
            receiveEnded(longPoll);
            if (drain) {
                draining = true;
            } else {
                backlog = false;
                starts = startReceiving();
            }
        }
        send(starts);
        completeIfIdle();
    }

    /**
     * Counts the receives the loop may start now as started: with prefetch, until it holds {@code prefetch-batches}
     * batches ahead of the one it handles (one receive at a time without a backlog); without, one once nothing is
     * in flight or handled. Guarded by {@code this}.
     */
    private Starts startReceiving() {
        if (ended || draining || !poller.mayReceive()) {
            return Starts.NONE;
        }
        boolean longPoll = false;
        int withoutWait = 0;
        while (prefetching
                ? receiving + waiting.size() < ahead && (receiving == 0 || backlog)
                : receiving + waiting.size() == 0 && handling == null) {
            receiving++;
            if (longPolling) {
                withoutWait++;
            } else {
                longPolling = true;
                longPoll = true;
            }
        }
        return longPoll || withoutWait > 0 ? new Starts(longPoll, withoutWait) : Starts.NONE;
    }

    /** Sends the receives counted as started, unless the loop has ended since (its batch was refused). */
    private void send(Starts starts) {
        if (starts == Starts.NONE) {
            return;
        }
        boolean cancelled;
        synchronized (this) {
            cancelled = ended;
            if (cancelled) {
                receiving -= starts.withoutWait() + (starts.longPoll() ? 1 : 0);
                longPolling &= !starts.longPoll();
            }
        }
        if (cancelled) {
            completeIfIdle();
            return;
        }
        if (starts.longPoll()) {
            receive(true);
        }
        for (int i = 0; i < starts.withoutWait(); i++) {
            receive(false);
        }
    }

    /** Receives counted as started under the loop's lock, to send once it is let go. */
    private record Starts(boolean longPoll, int withoutWait) {

        static final Starts NONE = new Starts(false, 0);
    }

    /**
     * Hands the batch to a worker thread; when the pool refuses it, it and the batches waiting behind it are made
     * visible again and the loop ends.
     */
    private void handleOnWorker(Batch batch) {
        if (poller.execute(() -> handle(batch))) {
            return;
        }
        List<Batch> released = new ArrayList<>();
        released.add(batch);
        synchronized (this) {
            handling = null;
            ended = true;
            released.addAll(waiting);
            waiting.clear();
            settling += released.size();
        }
        for (Batch refused : released) {
            release(refused, "hand it back after the worker pool refused it");
        }
    }

    private void handle(Batch batch) {
        long start = System.nanoTime();
        synchronized (this) {
            handlingSince = start;
        }
        CompletionStage<BatchOutcome> handled;
        try {
            handled = poller.handle(batch.messages, batch);
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
     * longer counts it toward {@code concurrency}, and its waiting batches are made visible again.
     *
     * @return the stalled batch's messages, or {@code null} if the loop did not stall now
     */
    List<Message> checkStall(long nowNanos, long timeoutNanos) {
        List<Batch> freed;
        List<Message> stalledMessages;
        synchronized (this) {
            if (handling == null || handlingSince == 0 || stalled || nowNanos - handlingSince < timeoutNanos) {
                return null;
            }
            stalled = true;
            ended = true;
            stalledMessages = handling.messages;
            freed = new ArrayList<>(waiting);
            waiting.clear();
            settling += freed.size();
            // counted under this loop's lock, so that the loop's end is counted after it
            poller.loopStalled();
        }
        for (Batch batch : freed) {
            release(batch, "hand it to another consumer while an earlier batch stalls");
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
        List<Batch> released = List.of();
        Starts starts;
        synchronized (this) {
            if (outcome != null) {
                settling++;
            }
            next = waiting.poll();
            if (next != null && poller.stopping()) {
                released = new ArrayList<>();
                released.add(next);
                released.addAll(waiting);
                waiting.clear();
                settling += released.size();
                next = null;
            }
            handling = next;
            starts = startReceiving();
        }
        if (outcome != null) {
            poller.settle(outcome, heartbeatStopped).whenComplete((ignored, failure) -> settled(failure));
        }
        for (Batch batch : released) {
            release(batch, "release it at shutdown");
        }
        if (next != null) {
            handleOnWorker(next);
        }
        send(starts);
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

    private void completeIfIdle() {
        boolean nowDone;
        boolean wasStalled;
        synchronized (this) {
            nowDone = !done && receiving == 0 && handling == null && waiting.isEmpty() && settling == 0;
            done |= nowDone;
            wasStalled = stalled;
        }
        if (nowDone) {
            poller.loopEnded(this, wasStalled);
        }
    }

    /**
     * A received batch, kept hidden by the visibility heartbeat from its receipt until it is handled and its deletes
     * are sent; a message that is kept after a failure is released from the heartbeat at once, one held for its
     * change sets stays hidden until they are done.
     */
    private final class Batch implements BatchVisibility {

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

        @Override
        public HeldMessages.HeldMessage hold(Message message) {
            return beat != null ? poller.hold(message, beat.hold(message)) : null;
        }

        @Override
        public int visibilitySeconds() {
            return visibilitySeconds;
        }

        /** @return whether the heartbeat keeps the batch hidden (it may then wait for its turn) */
        boolean keptHidden() {
            return beat != null;
        }

        @Override
        public void released(Message message) {
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
