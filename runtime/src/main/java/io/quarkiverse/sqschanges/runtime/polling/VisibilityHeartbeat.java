package io.quarkiverse.sqschanges.runtime.polling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps the messages of a batch hidden from other consumers while they are being handled: every half visibility
 * timeout, the messages not yet settled get a fresh visibility timeout, in one batched request.
 */
final class VisibilityHeartbeat {

    private static final long MIN_PERIOD_MILLIS = 200;

    private final VisibilityChanger visibility;
    private final ScheduledExecutorService timer;

    VisibilityHeartbeat(VisibilityChanger visibility, ScheduledExecutorService timer) {
        this.visibility = visibility;
        this.timer = timer;
    }

    /**
     * Starts extending the visibility of these messages.
     *
     * @param visibilitySeconds the visibility timeout the messages were received with
     * @return the beat, to settle messages and stop it
     */
    Beat start(String queueUrl, List<Message> messages, int visibilitySeconds) {
        return new Beat(queueUrl, messages, visibilitySeconds);
    }

    /** The heartbeat of one batch. */
    final class Beat {

        private final String queueUrl;
        private final int visibilitySeconds;
        private final Set<Message> unsettled = ConcurrentHashMap.newKeySet();
        private final ScheduledFuture<?> task;
        // guarded by this
        private boolean stopped;
        private CompletableFuture<Void> lastExtension = CompletableFuture.completedFuture(null);

        private Beat(String queueUrl, List<Message> messages, int visibilitySeconds) {
            this.queueUrl = queueUrl;
            this.visibilitySeconds = visibilitySeconds;
            this.unsettled.addAll(messages);
            long period = Math.max(MIN_PERIOD_MILLIS, visibilitySeconds * 1000L / 2);
            this.task = timer.scheduleAtFixedRate(this::extend, period, period, TimeUnit.MILLISECONDS);
        }

        /** The message's outcome is known: it needs no more extension. */
        void settled(Message message) {
            unsettled.remove(message);
        }

        /**
         * Stops the heartbeat.
         *
         * @return completes once SQS has answered the last extension, if one is still under way: a visibility change
         *         sent after that (a retry delay) is not overridden by it
         */
        synchronized CompletableFuture<Void> stop() {
            stopped = true;
            task.cancel(false);
            unsettled.clear();
            return lastExtension;
        }

        private synchronized void extend() {
            if (stopped || unsettled.isEmpty()) {
                return;
            }
            Map<Message, Integer> timeouts = new LinkedHashMap<>();
            for (Message message : unsettled) {
                timeouts.put(message, visibilitySeconds);
            }
            lastExtension = visibility.change(queueUrl, timeouts, "keep it hidden while it is handled");
        }
    }
}
