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
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps the messages of a batch hidden from other consumers while they are being handled: every half visibility
 * timeout, the messages not yet settled get a fresh visibility timeout, in one batched request. A message held past
 * its batch (its change waits in a change set) goes on being extended after the batch's beat is stopped, until it is
 * settled on its own. SQS keeps a message hidden for at most 12 hours from its receipt: the last extension reaches
 * nearly that limit (a few seconds short of it), and then the heartbeat stops and says so at WARN.
 */
final class VisibilityHeartbeat {

    private static final Logger LOG = Logger.getLogger(VisibilityHeartbeat.class);
    private static final long MIN_PERIOD_MILLIS = 200;

    private final VisibilityChanger visibility;
    private final ScheduledExecutorService timer;
    private final String queueName;
    private final long maxHiddenMillis;

    /**
     * @param maxHiddenSeconds how long after its receipt a message may be kept hidden at most: SQS's limit
     */
    VisibilityHeartbeat(VisibilityChanger visibility, ScheduledExecutorService timer, String queueName,
            int maxHiddenSeconds) {
        this.visibility = visibility;
        this.timer = timer;
        this.queueName = queueName;
        this.maxHiddenMillis = maxHiddenSeconds * 1000L;
    }

    /**
     * Starts extending the visibility of these just received messages.
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
        private final long receivedAtNanos = System.nanoTime();
        private final Set<Message> unsettled = ConcurrentHashMap.newKeySet();
        private final Set<Message> held = ConcurrentHashMap.newKeySet();
        private final ScheduledFuture<?> task;
        // guarded by this
        private boolean stopped;
        private boolean capped;
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
         * Keeps extending a message of the batch after the batch's beat is {@link #stop stopped}, until the returned
         * hold is stopped.
         *
         * @throws IllegalStateException if the beat is stopped already, or no longer extends the message
         */
        synchronized Hold hold(Message message) {
            if (stopped || capped || !unsettled.contains(message)) {
                throw new IllegalStateException("the heartbeat of message " + message.messageId()
                        + " has stopped: it cannot be kept hidden for its change sets");
            }
            held.add(message);
            return () -> release(message);
        }

        /**
         * Stops the heartbeat, but for the messages it {@link #hold holds}.
         *
         * @return completes once SQS has answered the last extension, if one is still under way: a visibility change
         *         sent after that (a retry delay) is not overridden by it
         */
        synchronized CompletableFuture<Void> stop() {
            stopped = true;
            unsettled.retainAll(held);
            cancelIfIdle();
            return lastExtension;
        }

        private synchronized CompletableFuture<Void> release(Message message) {
            held.remove(message);
            unsettled.remove(message);
            cancelIfIdle();
            return lastExtension;
        }

        /** Guarded by this. */
        private void cancelIfIdle() {
            if (stopped && unsettled.isEmpty()) {
                task.cancel(false);
            }
        }

        private synchronized void extend() {
            if (capped || unsettled.isEmpty()) {
                return;
            }
            // the batch was received a little before this beat started: keep a margin below SQS's limit
            long leftMillis = maxHiddenMillis - Math.min(5000, maxHiddenMillis / 10)
                    - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receivedAtNanos);
            int seconds = (int) Math.min(visibilitySeconds, leftMillis / 1000);
            if (seconds > 0) {
                Map<Message, Integer> timeouts = new LinkedHashMap<>();
                for (Message message : unsettled) {
                    timeouts.put(message, seconds);
                }
                lastExtension = visibility.change(queueUrl, timeouts, "keep it hidden while it is handled");
            }
            if (seconds < visibilitySeconds) {
                LOG.warnf("Message(s) %s of queue '%s' are still being handled %d s after their receipt: SQS keeps a"
                        + " message hidden for at most %d s, so they are no longer kept hidden and may be delivered"
                        + " again", messageIds(), queueName,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()
                                - receivedAtNanos),
                        maxHiddenMillis / 1000);
                capped = true;
                task.cancel(false);
            }
        }

        private String messageIds() {
            return unsettled.stream().map(Message::messageId).sorted().collect(Collectors.joining(", "));
        }
    }

    /** A message held past its batch. */
    interface Hold {

        /**
         * Stops extending the message.
         *
         * @return completes once SQS has answered the last extension, if one is still under way
         */
        CompletableFuture<Void> stop();
    }
}
