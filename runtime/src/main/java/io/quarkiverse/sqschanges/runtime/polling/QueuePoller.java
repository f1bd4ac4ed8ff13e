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
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.SqsLimits;
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
        this.visibility = new VisibilityChanger(sqs, queue.name(), counters);
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
                new ReceiveLoop(this, loop).start();
            }
            CompletableFuture.allOf(loops).whenComplete((ignored, failure) -> run.complete(null));
        }
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
                                queue.name(), SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
                        visibilitySeconds = SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
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

    /** Whether a loop may start another receive. */
    boolean mayReceive() {
        return !stopping && !paused.getAsBoolean();
    }

    /** @return the next receive, cancelled when polling stops */
    CompletableFuture<ReceiveMessageResponse> receive() {
        return call(sqs.receiveMessage(receiveRequest));
    }

    /** A receive succeeded: the back-off is over. */
    void receiveSucceeded() {
        backoff.succeeded(queue.name());
        counters.callSucceeded();
    }

    /**
     * @return the heartbeat that keeps these just received messages hidden while they wait and are handled, or
     *         {@code null} if the queue has none
     */
    VisibilityHeartbeat.Beat keepHidden(List<Message> messages) {
        return queue.visibilityHeartbeat() && visibilitySeconds > 0
                ? heartbeat.start(queueUrl, messages, visibilitySeconds)
                : null;
    }

    /**
     * Handles a batch on the calling thread.
     *
     * @see BatchHandler#handle
     */
    CompletionStage<BatchOutcome> handle(List<Message> messages, Consumer<Message> released) {
        return handler.handle(queueUrl, messages, released);
    }

    /**
     * Sends the deletes and retry delays of a handled batch.
     *
     * @param heartbeatStopped completes once the batch's last visibility extension is answered: retry delays are
     *        set after it, so that it cannot override them
     * @return completes once SQS has answered them
     */
    CompletableFuture<Void> settle(BatchOutcome outcome, CompletableFuture<Void> heartbeatStopped) {
        Map<Message, Integer> retryDelays = outcome.retryDelaySeconds();
        CompletableFuture<Void> retries = retryDelays.isEmpty() ? heartbeatStopped
                : heartbeatStopped.thenCompose(ignored -> visibility.change(queueUrl, retryDelays, "delay a retry"));
        return CompletableFuture.allOf(deleter.delete(queueUrl, outcome.toDelete()), retries);
    }

    /** Runs a task on the worker threads. */
    void execute(Runnable task) {
        workers.execute(task);
    }

    /** Makes messages received during shutdown visible again at once, for other consumers. */
    CompletableFuture<?> release(List<Message> messages) {
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
    void failed(Throwable failure) {
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
