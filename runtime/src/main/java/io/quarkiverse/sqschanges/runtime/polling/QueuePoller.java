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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.SqsLimits;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Polls one queue with up to {@code concurrency} receive loops (see {@link ReceiveLoop}). {@link #run()}, called by
 * the scheduler job, at startup and by {@code pollNow}, starts one loop when none is going; a receive that returns
 * messages brings the queue up to {@code concurrency} loops at once; each loop ends on its own at an empty receive,
 * so that an idle queue costs one long poll at a time. Before the first loop, the queue URL is resolved and the
 * visibility timeout looked up (see {@link VisibilityLookup}). After a failed call to SQS, no loop starts for a
 * growing back-off.
 */
public final class QueuePoller {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final QueueSettings queue;
    private final SqsAsyncClient sqs;
    private final BatchHandler handler;
    private final MessageDeleter deleter;
    private final VisibilityChanger visibility;
    private final VisibilityHeartbeat heartbeat;
    private final VisibilityLookup visibilityLookup;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final PollingBackoff backoff;
    private final QueueCounters counters;
    private final BooleanSupplier paused;
    private final WorkerRefusals refusals;
    private final HeldMessages held;

    private volatile String queueUrl;
    private volatile Receive receive;
    private volatile boolean stopping;
    private volatile boolean letCallsFinish;
    /**
     * Whether the next long poll waits a random part of {@code wait-time}: the first one of a queue polled from
     * startup. Queues started together would otherwise poll in step for good, every long poll of an application's
     * idle queues coming back at the same instant; spread out, their answers do not crowd the worker pool.
     */
    private volatile boolean spreadNextLongPoll;
    private final Set<CompletableFuture<?>> pendingCalls = ConcurrentHashMap.newKeySet();
    private final Set<ReceiveLoop> activeLoops = ConcurrentHashMap.newKeySet();
    /** The stall check, while the queue is polled and {@code handler-timeout} is on. */
    private final ScheduledFuture<?> stallChecks;

    // the loops, guarded by this
    private int loops;
    private int stalledLoops;
    private boolean preparing;
    /** Set by the first run, if it may receive: its first long poll waits a random part of {@code wait-time}. */
    private boolean spreadFirstPoll;
    private boolean firstRun = true;
    private final CompletableFuture<Void> allLoopsEnded = new CompletableFuture<>();

    /**
     * @param paused whether the queue's job is paused: a loop ends at its next receive
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
        this.heartbeat = new VisibilityHeartbeat(visibility, timer, queue.name(),
                SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS);
        this.visibilityLookup = new VisibilityLookup(queue, timer, this::call, this::useReceiveRequest);
        this.workers = workers;
        this.timer = timer;
        this.backoff = backoff;
        this.refusals = new WorkerRefusals(queue.name(), queue.property("concurrency"));
        handler.reportRefusalsTo(this::refused);
        this.held = new HeldMessages(queue, deleter, visibility, () -> queueUrl, timer, counters, this::run);
        queue.url().ifPresent(url -> this.queueUrl = url);
        long timeoutMillis = queue.handlerTimeout().toMillis();
        long period = Math.max(100, Math.min(timeoutMillis / 4, 10_000));
        this.stallChecks = timeoutMillis == 0 ? null
                : timer.scheduleWithFixedDelay(this::checkStalls, period, period, TimeUnit.MILLISECONDS);
    }

    public QueueSettings queue() {
        return queue;
    }

    /**
     * Starts a receive loop if none is going, unless polling is stopping or paused, or the back-off says to wait.
     *
     * @return completes at once; never exceptionally
     */
    public CompletionStage<Void> run() {
        synchronized (this) {
            spreadFirstPoll = firstRun && mayReceive();
            firstRun = false;
        }
        if (backoff.mayAttempt()) {
            startLoops(1);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Like {@link #run()}, but at once even while the back-off would wait: the caller asked for it. */
    public void runNow() {
        backoff.attemptNow();
        startLoops(1);
    }

    /**
     * Stops polling: no receive is started any more, and a receive waiting for messages is abandoned, unless the queue
     * holds messages for change sets (it then returns within its wait time, and what it got is made visible again).
     *
     * @return completes when every loop has ended (the batches being handled are handled and their deletes sent,
     *         and the batches waiting for their turn are made visible again) and no message is held for change sets
     */
    public CompletableFuture<Void> stop() {
        // before stopping is published: a mapper or observer failing once the poller is seen stopping is judged as
        // failing during the shutdown (its message is kept, whatever invalid-message or on-failure says)
        handler.stopping();
        synchronized (this) {
            // a long poll abandoned here goes on at SQS until its wait time is over, and takes the messages that
            // become visible meanwhile: on a queue whose messages may be held for change sets, which are made visible
            // at once, it is let finish (decided before stopping is seen, so that no call is cancelled before)
            letCallsFinish = handler.feedsChangeSets() || held.count() > 0;
            stopping = true;
            if (loops + stalledLoops == 0 && !preparing) {
                allLoopsEnded.complete(null);
            }
        }
        visibilityLookup.stop();
        if (stallChecks != null) {
            stallChecks.cancel(false);
        }
        if (!letCallsFinish) {
            cancelPendingCalls();
        }
        // the messages held for change sets are settled once the sets are done or abandoned
        return CompletableFuture.allOf(allLoopsEnded, allLoopsEnded.thenCompose(ignored -> held.stop()));
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

    /** @return whether the observers of a batch have outlived {@code handler-timeout} and still run */
    public boolean stalled() {
        return counters.stalledBatches() > 0;
    }

    /**
     * Starts loops until {@code wanted} of them (at most {@code concurrency}) are going, once the queue is prepared;
     * prepares it first if needed.
     */
    private void startLoops(int wanted) {
        int toStart = 0;
        boolean prepare = false;
        synchronized (this) {
            if (!mayReceive()) {
                spreadFirstPoll &= receive == null;
                return;
            }
            if (receive == null) {
                prepare = !preparing;
                preparing = true;
            } else {
                toStart = Math.max(0, Math.min(wanted, queue.concurrency()) - loops);
                if (stalledLoops > 0 && loops + stalledLoops + toStart > 2 * queue.concurrency()) {
                    toStart = Math.max(0, 2 * queue.concurrency() - loops - stalledLoops);
                }
                loops += toStart;
                spreadNextLongPoll = spreadFirstPoll && toStart > 0;
                spreadFirstPoll = false;
            }
        }
        if (prepare) {
            prepare();
        }
        for (int i = 0; i < toStart; i++) {
            ReceiveLoop loop = new ReceiveLoop(this);
            activeLoops.add(loop);
            loop.start();
        }
    }

    /** Resolves the queue URL and looks the visibility timeout up, then starts the first loop. */
    private void prepare() {
        resolveUrl()
                .thenCompose(url -> visibilityLookup.lookUp(sqs, url))
                .whenComplete((seconds, failure) -> {
                    synchronized (this) {
                        preparing = false;
                        if (failure == null) {
                            useReceiveRequest(seconds);
                        }
                        if (stopping && loops + stalledLoops == 0) {
                            allLoopsEnded.complete(null);
                        }
                    }
                    if (failure != null) {
                        failed(failure);
                    } else {
                        startLoops(1);
                    }
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
            queueUrl = response.queueUrl();
            LOG.debugf("Queue '%s' resolved to %s", queue.name(), response.queueUrl());
            return response.queueUrl();
        });
    }

    /**
     * @param visibilitySeconds the visibility timeout to receive with: configured, the queue's own, or assumed
     *        while the queue's cannot be read; -1 when the queue's own serves (no heartbeat needs it)
     */
    private synchronized void useReceiveRequest(int visibilitySeconds) {
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(queue.maxMessages())
                .waitTimeSeconds(queue.waitTimeSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All");
        if (visibilitySeconds > 0) {
            // explicit, so that the heartbeat's period is right even for a timeout it only assumed
            request.visibilityTimeout(visibilitySeconds);
        }
        ReceiveMessageRequest longPoll = request.build();
        receive = new Receive(longPoll, longPoll.toBuilder().waitTimeSeconds(0).build(), visibilitySeconds);
    }

    /**
     * How the queue's messages are received: the request, and the visibility timeout the messages get from it,
     * which times their heartbeat.
     *
     * @param request the receive with the queue's {@code wait-time}: a long poll
     * @param withoutWait the same receive without waiting, for the receives that overlap a loop's long poll
     * @param visibilitySeconds -1 when the queue's own timeout serves and nothing needs to know it
     */
    record Receive(ReceiveMessageRequest request, ReceiveMessageRequest withoutWait, int visibilitySeconds) {
    }

    /**
     * Whether a loop may start another receive: not while stopping, paused, the worker pool is full, or the queue
     * holds {@code max-held-messages} for change sets.
     */
    boolean mayReceive() {
        return !stopping && !paused.getAsBoolean() && !refusals.pausing() && !held.full();
    }

    /** @return how the next receive is made */
    Receive nextReceive() {
        return receive;
    }

    /**
     * @param longPoll whether it waits up to {@code wait-time} for messages, or returns at once
     * @return the receive, cancelled when polling stops
     */
    CompletableFuture<ReceiveMessageResponse> receive(Receive receive, boolean longPoll) {
        ReceiveMessageRequest request = longPoll ? receive.request() : receive.withoutWait();
        if (longPoll && spreadNextLongPoll && request.waitTimeSeconds() > 1) {
            spreadNextLongPoll = false;
            request = request.toBuilder()
                    .waitTimeSeconds(1 + ThreadLocalRandom.current().nextInt(request.waitTimeSeconds())).build();
        }
        return call(sqs.receiveMessage(request));
    }

    /** A receive succeeded: the back-off is over; with messages, the queue gets all its loops. */
    void receiveSucceeded(boolean withMessages) {
        backoff.succeeded(queue.name());
        counters.callSucceeded();
        if (withMessages) {
            startLoops(queue.concurrency());
        }
    }

    /** Records the time each message of a batch spent on the queue, at its receipt. */
    void received(List<Message> messages) {
        counters.received(messages.size());
        long now = System.currentTimeMillis();
        for (Message message : messages) {
            String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            if (sent != null) {
                try {
                    counters.timings().lag(now - Long.parseLong(sent));
                } catch (NumberFormatException e) {
                    // not SQS's own attribute: no lag to record
                }
            }
        }
    }

    /**
     * @return the heartbeat that keeps these just received messages hidden while they wait and are handled, or
     *         {@code null} if the queue has none
     */
    VisibilityHeartbeat.Beat keepHidden(List<Message> messages, Receive receivedBy) {
        int seconds = receivedBy.visibilitySeconds();
        return queue.visibilityHeartbeat() && seconds > 0 ? heartbeat.start(queueUrl, messages, seconds) : null;
    }

    /**
     * Handles a batch on the calling thread.
     *
     * @see BatchHandler#handle
     */
    CompletionStage<BatchOutcome> handle(List<Message> messages, BatchVisibility visibility) {
        return handler.handle(queueUrl, messages, visibility);
    }

    /** Holds a message past its batch while its changes wait in change sets (see {@link HeldMessages}). */
    HeldMessages.HeldMessage hold(Message message, VisibilityHeartbeat.Hold hold) {
        return held.hold(message, hold);
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

    /**
     * Runs a task on the worker threads.
     *
     * @return whether the worker pool took it; when it refused, that is logged, counted, and the queue pauses
     *         receiving for a moment
     */
    boolean execute(Runnable task) {
        try {
            workers.execute(task);
            refusals.accepted();
            return true;
        } catch (RejectedExecutionException e) {
            refused(e);
            return false;
        }
    }

    /** The worker pool refused a task of the queue: logged, counted, and the queue pauses receiving for a moment. */
    private void refused(RejectedExecutionException e) {
        refusals.refused(e);
        counters.refused();
    }

    /**
     * Every so often, stalls the loops whose batch's observers have run for {@code handler-timeout}: one timer task
     * per queue, whatever the number of batches.
     */
    private void checkStalls() {
        long timeoutNanos = queue.handlerTimeout().toNanos();
        long now = System.nanoTime();
        boolean stalledAny = false;
        for (ReceiveLoop loop : activeLoops) {
            List<Message> stalled = loop.checkStall(now, timeoutNanos);
            if (stalled != null) {
                stalledAny = true;
                LOG.warnf("The observers of message(s) %s of queue '%s' are still running after %s (%s): they may"
                        + " hang. The messages stay hidden while they run; the queue goes on polling with its other"
                        + " receive loops", messageIds(stalled), queue.name(), queue.handlerTimeout(),
                        queue.property("handler-timeout"));
            }
        }
        if (stalledAny) {
            startLoops(1);
        }
    }

    /**
     * A loop's batch outlived {@code handler-timeout}: it no longer counts toward {@code concurrency}. Called under the
     * loop's lock (the one lock order: a loop, then its poller).
     */
    void loopStalled() {
        counters.stalled();
        synchronized (this) {
            loops--;
            stalledLoops++;
        }
    }

    /** A stalled batch's observers completed at last. */
    void stallEnded(List<Message> messages, long handledMillis) {
        counters.stallEnded();
        LOG.infof("The observers of message(s) %s of queue '%s' completed after %d ms", messageIds(messages),
                queue.name(), handledMillis);
    }

    /** @param stalled whether the loop had stalled before */
    void loopEnded(ReceiveLoop loop, boolean stalled) {
        activeLoops.remove(loop);
        synchronized (this) {
            if (stalled) {
                stalledLoops--;
            } else {
                loops--;
            }
            if (stopping && loops + stalledLoops == 0 && !preparing) {
                allLoopsEnded.complete(null);
            }
        }
    }

    /** Makes messages visible again at once, for other consumers: received at shutdown, or left waiting. */
    CompletableFuture<?> release(List<Message> messages, String purpose) {
        Map<Message, Integer> now = new LinkedHashMap<>();
        messages.forEach(message -> now.put(message, 0));
        return visibility.change(queueUrl, now, purpose);
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
        if (stopping && !letCallsFinish) {
            cancelPendingCalls();
        }
        return call;
    }

    private void cancelPendingCalls() {
        for (CompletableFuture<?> call : pendingCalls) {
            call.cancel(true);
        }
    }

    static String messageIds(List<Message> messages) {
        StringBuilder ids = new StringBuilder();
        for (Message message : messages) {
            ids.append(ids.length() == 0 ? "" : ", ").append(message.messageId());
        }
        return ids.toString();
    }
}
