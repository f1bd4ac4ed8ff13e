package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The messages of one queue held past their batch while their changes wait in change sets, kept hidden by their
 * batch's heartbeat: how many there are (at {@code max-held-messages} the queue receives no more), and their
 * settlement once their sets are done. The deletes and visibility changes of messages settled together (the
 * members of one set) are sent together, in batches of ten.
 */
final class HeldMessages {

    private static final Logger LOG = Logger.getLogger(HeldMessages.class);

    private final QueueSettings queue;
    private final MessageDeleter deleter;
    private final VisibilityChanger visibility;
    private final Supplier<String> queueUrl;
    private final Executor sender;
    private final QueueCounters counters;
    private final Runnable belowLimit;
    /** Held messages whose settlement SQS has not answered yet. */
    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> allSettled = new CompletableFuture<>();
    private volatile boolean stopping;
    // guarded by this
    private List<Message> deletes = new ArrayList<>();
    private Map<Message, Integer> visibilityChanges = new LinkedHashMap<>();
    private List<CompletableFuture<Void>> extensionsBefore = new ArrayList<>();
    private boolean sendScheduled;

    /**
     * @param sender runs the coalesced requests, after the settlements that come together
     * @param belowLimit called when the queue holds fewer than {@code max-held-messages} again
     */
    HeldMessages(QueueSettings queue, MessageDeleter deleter, VisibilityChanger visibility, Supplier<String> queueUrl,
            Executor sender, QueueCounters counters, Runnable belowLimit) {
        this.queue = queue;
        this.deleter = deleter;
        this.visibility = visibility;
        this.queueUrl = queueUrl;
        this.sender = sender;
        this.counters = counters;
        this.belowLimit = belowLimit;
    }

    /** @return the messages held now */
    int count() {
        return count.get();
    }

    /** @return whether the queue holds {@code max-held-messages}: it may not receive */
    boolean full() {
        return count.get() >= queue.maxHeldMessages();
    }

    /**
     * Holds a message of a batch past the batch, with the heartbeat's hold on it; counted until it is settled.
     */
    HeldMessage hold(Message message, VisibilityHeartbeat.Hold hold) {
        counters.held(1);
        if (count.incrementAndGet() == queue.maxHeldMessages()) {
            LOG.warnf("Queue '%s' holds %d messages whose changes wait in change sets (%s); it receives no more until"
                    + " sets are handled", queue.name(), queue.maxHeldMessages(), queue.property("max-held-messages"));
        }
        return new HeldMessage(message, hold);
    }

    /** Deletes a held message: its sets were handled. */
    private void delete(Message message, VisibilityHeartbeat.Hold hold) {
        hold.stop();
        synchronized (this) {
            deletes.add(message);
        }
        scheduleSend();
    }

    /**
     * Sets a held message's visibility timeout, once its last extension is answered: 0 makes it visible at once, more
     * delays its next delivery.
     */
    private void changeVisibility(Message message, VisibilityHeartbeat.Hold hold, int seconds) {
        CompletableFuture<Void> lastExtension = hold.stop();
        synchronized (this) {
            visibilityChanges.put(message, seconds);
            extensionsBefore.add(lastExtension);
        }
        scheduleSend();
    }

    /** Leaves a held message as it is: no longer extended, SQS delivers it again after its visibility timeout. */
    private void keep(Message message, VisibilityHeartbeat.Hold hold) {
        hold.stop();
        settled(1);
    }

    /** @return completes once no message is held any more */
    CompletableFuture<Void> stop() {
        stopping = true;
        if (count.get() == 0) {
            allSettled.complete(null);
        }
        return allSettled;
    }

    private void scheduleSend() {
        synchronized (this) {
            if (sendScheduled) {
                return;
            }
            sendScheduled = true;
        }
        try {
            sender.execute(this::send);
        } catch (RejectedExecutionException e) {
            send();
        }
    }

    private void send() {
        List<Message> toDelete;
        Map<Message, Integer> toChange;
        List<CompletableFuture<Void>> before;
        synchronized (this) {
            sendScheduled = false;
            toDelete = deletes;
            toChange = visibilityChanges;
            before = extensionsBefore;
            deletes = new ArrayList<>();
            visibilityChanges = new LinkedHashMap<>();
            extensionsBefore = new ArrayList<>();
        }
        String url = queueUrl.get();
        LOG.debugf("Settling held messages of queue '%s': %d to delete, %d to make visible or delay", queue.name(),
                toDelete.size(), toChange.size());
        if (!toDelete.isEmpty()) {
            sendThenSettle(() -> deleter.delete(url, toDelete), toDelete.size());
        }
        if (!toChange.isEmpty()) {
            sendThenSettle(() -> CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                    .handle((ignored, failure) -> null)
                    .thenCompose(ignored -> visibility.change(url, toChange, "settle it after its change set")),
                    toChange.size());
        }
    }

    /** Whatever the request does, its messages are no longer held once it is over: never counted for good. */
    private void sendThenSettle(Supplier<CompletableFuture<?>> request, int messages) {
        CompletableFuture<?> sent;
        try {
            sent = request.get();
        } catch (Throwable e) {
            LOG.errorf(e, "Settling %d held message(s) of queue '%s' failed; SQS will deliver them again", messages,
                    queue.name());
            sent = CompletableFuture.completedFuture(null);
        }
        sent.whenComplete((ignored, failure) -> settled(messages));
    }

    private void settled(int messages) {
        counters.held(-messages);
        int now = count.addAndGet(-messages);
        int limit = queue.maxHeldMessages();
        if (now < limit && now + messages >= limit) {
            LOG.infof("Queue '%s' holds %d messages in change sets, fewer than %s; it receives again", queue.name(),
                    now, queue.property("max-held-messages"));
            belowLimit.run();
        }
        if (stopping && now == 0) {
            allSettled.complete(null);
        }
    }

    /** A message held past its batch, settled once, when its sets are done. */
    final class HeldMessage {

        private final Message message;
        private final VisibilityHeartbeat.Hold hold;
        private final AtomicBoolean settled = new AtomicBoolean();

        private HeldMessage(Message message, VisibilityHeartbeat.Hold hold) {
            this.message = message;
            this.hold = hold;
        }

        /** Deletes, delays or keeps the message, as decided; only the first call counts. */
        void settle(FailurePolicy.Decision decision) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            switch (decision.fate()) {
                case DELETE -> delete(message, hold);
                case RETRY -> changeVisibility(message, hold, decision.retryDelaySeconds());
                default -> keep(message, hold);
            }
        }

        /** Makes the message visible again at once: its set was not fired; only the first call counts. */
        void releaseNow() {
            if (settled.compareAndSet(false, true)) {
                changeVisibility(message, hold, 0);
            }
        }
    }
}
