package io.quarkiverse.sqschanges.runtime.polling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Polls one queue. Each {@link #run() run} resolves what it needs (queue URL, visibility timeout), then starts the
 * queue's receive loops ({@code concurrency}, one by default; see {@link ReceiveLoop}). The run is over when all its
 * loops are. Runs are started by the scheduler job, once at startup and by {@code pollNow}; they never overlap: a
 * start while a run is going returns at once. After a failed call to SQS, runs are skipped for a growing back-off.
 */
public final class QueuePoller {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private static final int SQS_DEFAULT_VISIBILITY_SECONDS = 30;

    private final QueueSettings queue;
    private final SqsAsyncClient sqs;
    private final BatchHandler handler;
    private final MessageDeleter deleter;
    private final VisibilityChanger visibility;
    private final VisibilityHeartbeat heartbeat;
    private final Executor workers;
    private final PollingBackoff backoff;
    private final QueueCounters counters;
    private final BooleanSupplier paused;
    private final AtomicBoolean running = new AtomicBoolean();

    private volatile String queueUrl;
    /** The visibility timeout received messages get; -1 until known. */
    private volatile int visibilitySeconds = -1;
    private volatile ReceiveMessageRequest receiveRequest;
    private volatile boolean stopping;
    private final Set<CompletableFuture<?>> pendingCalls = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Void> currentRun = CompletableFuture.completedFuture(null);

    /**
     * @param paused whether the queue's job is paused: a run in progress ends at its next receive
     */
    QueuePoller(QueueSettings queue, SqsAsyncClient sqs, BatchHandler handler, Executor workers,
            ScheduledExecutorService timer, PollingBackoff backoff, QueueCounters counters, BooleanSupplier paused) {
        this.queue = queue;
        this.sqs = sqs;
        this.handler = handler;
        this.counters = counters;
        this.paused = paused;
        this.deleter = new MessageDeleter(sqs, queue.name(), counters);
        this.visibility = new VisibilityChanger(sqs, queue.name());
        this.heartbeat = new VisibilityHeartbeat(visibility, timer);
        this.workers = workers;
        this.backoff = backoff;
        queue.url().ifPresent(this::useUrl);
        queue.visibilityTimeoutSeconds().ifPresent(seconds -> visibilitySeconds = seconds);
    }

    public QueueSettings queue() {
        return queue;
    }

    /**
     * Starts a run, unless one is going, polling is stopping, or the back-off says to wait.
     *
     * @return completes when the run is over (at once if none was started); never exceptionally
     */
    public CompletionStage<Void> run() {
        if (stopping || !backoff.mayAttempt() || !running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> run = new CompletableFuture<>();
        run.whenComplete((ignored, failure) -> running.set(false));
        currentRun = run;
        workers.execute(() -> prepare(run));
        return run;
    }

    /**
     * Stops polling: no receive is started any more, and a receive waiting for messages is abandoned.
     *
     * @return completes when the current run is over: the batches being handled are handled and their deletes
     *         sent, and a batch waiting for its turn is made visible again
     */
    public CompletableFuture<Void> stop() {
        stopping = true;
        handler.stopping();
        cancelPendingCall();
        return currentRun;
    }

    public QueueCounters counters() {
        return counters;
    }

    /** @return the client this queue is polled with */
    public SqsAsyncClient sqs() {
        return sqs;
    }

    /** @return the queue URL, configured or resolved; {@code null} while a queue name is not resolved yet */
    public String queueUrl() {
        return queueUrl;
    }

    public boolean failing() {
        return backoff.consecutiveFailures() > 0;
    }

    public boolean stopping() {
        return stopping;
    }

    private void prepare(CompletableFuture<Void> run) {
        if (stopping || paused.getAsBoolean()) {
            run.complete(null);
        } else if (queueUrl == null) {
            resolveUrl().whenComplete((url, failure) -> {
                if (failure != null) {
                    failed(run, failure);
                } else {
                    workers.execute(() -> prepare(run));
                }
            });
        } else if (visibilitySeconds < 0 && queue.visibilityHeartbeat()) {
            resolveVisibility(run);
        } else {
            CompletableFuture<?>[] loops = new CompletableFuture<?>[queue.concurrency()];
            for (int i = 0; i < loops.length; i++) {
                CompletableFuture<Void> loop = new CompletableFuture<>();
                loops[i] = loop;
                new ReceiveLoop(loop).start();
            }
            CompletableFuture.allOf(loops).whenComplete((ignored, failure) -> run.complete(null));
        }
    }

    /** Whether a loop may start another receive. */
    private boolean mayReceive() {
        return !stopping && !paused.getAsBoolean();
    }

    /** The heartbeat needs the queue's own visibility timeout when none is configured. */
    private void resolveVisibility(CompletableFuture<Void> run) {
        call(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)))
                .whenComplete((response, failure) -> {
                    if (failure != null && Failures.unwrap(failure) instanceof CancellationException) {
                        failed(run, failure);
                        return;
                    }
                    String value = failure == null ? response.attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT)
                            : null;
                    if (value == null) {
                        LOG.debugf("Could not read the visibility timeout of queue '%s'; assuming SQS's default %d s",
                                queue.name(), SQS_DEFAULT_VISIBILITY_SECONDS);
                        visibilitySeconds = SQS_DEFAULT_VISIBILITY_SECONDS;
                    } else {
                        visibilitySeconds = Integer.parseInt(value);
                    }
                    workers.execute(() -> prepare(run));
                });
    }

    /**
     * @return the queue URL: configured, resolved before, or now resolved from {@code queue-name} with
     *         {@code GetQueueUrl}; fails with a message naming {@code queue-name} when no such queue exists
     */
    public CompletableFuture<String> resolveUrl() {
        String known = queueUrl;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        String name = queue.queueName().orElseThrow();
        return call(sqs.getQueueUrl(b -> b.queueName(name))).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                throw new CompletionException(cause instanceof QueueDoesNotExistException
                        ? new IllegalStateException("no queue named '" + name + "' exists; create it or fix "
                                + queue.property("queue-name"))
                        : cause);
            }
            useUrl(response.queueUrl());
            LOG.debugf("Queue '%s' resolved to %s", queue.name(), response.queueUrl());
            return response.queueUrl();
        });
    }

    private void useUrl(String url) {
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(url)
                .maxNumberOfMessages(queue.maxMessages())
                .waitTimeSeconds(queue.waitTimeSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All");
        queue.visibilityTimeoutSeconds().ifPresent(request::visibilityTimeout);
        this.receiveRequest = request.build();
        this.queueUrl = url;
    }

    /**
     * One receive loop. It handles one batch at a time and receives until a receive comes back empty, a call to SQS
     * fails, or polling stops or is paused. With {@code prefetch}, the next receive is under way while a batch is
     * being handled, and a batch that arrives meanwhile waits (at most one); without it, the next receive starts
     * once the batch is handled. Deleting a handled batch overlaps with handling the next one. The loop is done
     * when nothing of it is in flight any more: no receive, no batch being handled or waiting, no delete.
     */
    private final class ReceiveLoop {

        private final CompletableFuture<Void> done;
        // the loop's state, guarded by this
        private boolean receiving;
        private Batch handling;
        private Batch waiting;
        private int settling;
        private boolean ended;

        ReceiveLoop(CompletableFuture<Void> done) {
            this.done = done;
        }

        void start() {
            synchronized (this) {
                receiving = true;
            }
            receive();
        }

        private void receive() {
            call(sqs.receiveMessage(receiveRequest)).whenComplete((response, failure) -> {
                if (!(failure != null && Failures.unwrap(failure) instanceof CancellationException)) {
                    counters.receiveRequest(failure == null);
                }
                if (failure != null) {
                    failed(failure);
                    end();
                } else {
                    received(response);
                }
            });
        }

        private void received(ReceiveMessageResponse response) {
            backoff.succeeded(queue.name());
            counters.callSucceeded();
            List<Message> messages = response.hasMessages() ? response.messages() : List.of();
            counters.received(messages.size());
            if (messages.isEmpty()) {
                end();
                return;
            }
            if (stopping) {
                release(messages).whenComplete((ignored, failure) -> end());
                return;
            }
            Batch batch = new Batch(messages);
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
                workers.execute(() -> handle(batch));
            }
            if (receiveNext) {
                receive();
            }
        }

        /** Marks a receive as started if the loop may go on; guarded by {@code this}. */
        private boolean startReceiving() {
            if (ended || receiving || !mayReceive()) {
                return false;
            }
            receiving = true;
            return true;
        }

        private void handle(Batch batch) {
            CompletionStage<BatchOutcome> handled;
            try {
                handled = handler.handle(queueUrl, batch.messages, batch::released);
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
                if (next != null && stopping) {
                    released = next;
                    next = null;
                    settling++;
                }
                handling = next;
                receiveNext = startReceiving();
            }
            if (outcome != null) {
                Map<Message, Integer> retryDelays = outcome.retryDelaySeconds();
                CompletableFuture<Void> retries = retryDelays.isEmpty() ? heartbeatStopped
                        : heartbeatStopped.thenCompose(
                                ignored -> visibility.change(queueUrl, retryDelays, "delay a retry"));
                CompletableFuture.allOf(deleter.delete(queueUrl, outcome.toDelete()), retries)
                        .whenComplete((ignored, failure) -> settled(failure));
            }
            if (released != null) {
                List<Message> messages = released.messages;
                released.stopHeartbeat().thenCompose(ignored -> release(messages))
                        .whenComplete((ignored, failure) -> settled(null));
            }
            if (next != null) {
                Batch batch = next;
                workers.execute(() -> handle(batch));
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
    }

    /**
     * A received batch, kept hidden by the visibility heartbeat from its receipt until it is handled and its deletes
     * are sent; a message that is kept after a failure is released from the heartbeat at once.
     */
    private final class Batch {

        final List<Message> messages;
        private final VisibilityHeartbeat.Beat beat;

        Batch(List<Message> messages) {
            this.messages = messages;
            this.beat = queue.visibilityHeartbeat() && visibilitySeconds > 0
                    ? heartbeat.start(queueUrl, messages, visibilitySeconds)
                    : null;
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

    /** Makes messages received during shutdown visible again at once, for other consumers. */
    private CompletableFuture<?> release(List<Message> messages) {
        Map<Message, Integer> now = new LinkedHashMap<>();
        messages.forEach(message -> now.put(message, 0));
        return visibility.change(queueUrl, now, "release it at shutdown");
    }

    /** Ends a run after a failed call: polling resumes at the next run, after the back-off. */
    private void failed(CompletableFuture<Void> run, Throwable failure) {
        failed(failure);
        run.complete(null);
    }

    /** Records a failed call, which makes polling back off. */
    private void failed(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (stopping && cause instanceof CancellationException) {
            LOG.debugf("Polling of queue '%s' stopped", queue.name());
        } else {
            backoff.failed(queue.name(), cause);
            counters.callFailed(Failures.describe(cause));
        }
    }

    private <T> CompletableFuture<T> call(CompletableFuture<T> call) {
        pendingCalls.add(call);
        call.whenComplete((ignored, failure) -> pendingCalls.remove(call));
        if (stopping) {
            cancelPendingCall();
        }
        return call;
    }

    private void cancelPendingCall() {
        for (CompletableFuture<?> call : pendingCalls) {
            call.cancel(true);
        }
    }
}
