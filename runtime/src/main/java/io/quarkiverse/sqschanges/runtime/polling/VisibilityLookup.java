package io.quarkiverse.sqschanges.runtime.polling;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.SqsLimits;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Finds the visibility timeout a queue's messages are received with, which the heartbeat needs: the configured
 * {@code visibility-timeout}, else the queue's own, read with {@code GetQueueAttributes}. While that cannot be read
 * (no {@code sqs:GetQueueAttributes} permission, credentials not ready, throttling), messages are received with an
 * explicit timeout of SQS's default, 30 s, so that the heartbeat's period always matches the timeout the messages
 * really have; the lookup is retried with a growing delay, and the first success replaces the assumed value.
 */
final class VisibilityLookup {

    /** Tracks a call to SQS, so that it is cancelled when polling stops. */
    interface Calls {
        <T> CompletableFuture<T> track(CompletableFuture<T> call);
    }

    private static final Logger LOG = Logger.getLogger(VisibilityLookup.class);
    private static final long MAX_RETRY_DELAY_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final QueueSettings queue;
    private final ScheduledExecutorService timer;
    private final Calls calls;
    private final IntConsumer known;
    private int failures;
    private volatile boolean stopped;

    /**
     * @param known told the queue's own timeout once a retried lookup succeeds
     */
    VisibilityLookup(QueueSettings queue, ScheduledExecutorService timer, Calls calls, IntConsumer known) {
        this.queue = queue;
        this.timer = timer;
        this.calls = calls;
        this.known = known;
    }

    /**
     * @return the visibility timeout to receive with, in seconds, or -1 when the queue's own serves because nothing
     *         needs to know it (no heartbeat, no deduplication); fails only when polling stops meanwhile
     */
    CompletableFuture<Integer> lookUp(SqsAsyncClient sqs, String queueUrl) {
        if (queue.visibilityTimeoutSeconds().isPresent()) {
            return CompletableFuture.completedFuture(queue.visibilityTimeoutSeconds().getAsInt());
        }
        // the heartbeat's period follows it, and the duplicate filter's claims last that long at least
        if (!queue.visibilityHeartbeat() && !queue.deduplicate()) {
            return CompletableFuture.completedFuture(-1);
        }
        return read(sqs, queueUrl).handle((seconds, failure) -> {
            if (failure == null) {
                return usable(seconds);
            }
            if (Failures.unwrap(failure) instanceof CancellationException) {
                throw new CompletionException(Failures.unwrap(failure));
            }
            LOG.warnf("Could not read the visibility timeout of queue '%s' (%s; reading it needs the"
                    + " sqs:GetQueueAttributes permission). Its messages are received with an explicit visibility"
                    + " timeout of %d s, which the heartbeat extends, until it can be read; retrying with back-off, or"
                    + " set %s", queue.name(), Failures.describe(Failures.unwrap(failure)),
                    SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS, queue.property("visibility-timeout"));
            retryLater(sqs, queueUrl);
            return SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
        });
    }

    private CompletableFuture<Integer> read(SqsAsyncClient sqs, String queueUrl) {
        return calls.track(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)))
                .thenApply(response -> {
                    String value = response.attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
                    if (value == null) {
                        throw new IllegalStateException("SQS returned no VisibilityTimeout attribute");
                    }
                    return Integer.parseInt(value.trim());
                });
    }

    /**
     * A queue whose own timeout is 0 s would show each message to other consumers while it is being handled: its
     * messages are received with SQS's default instead.
     */
    private int usable(int queueSeconds) {
        if (queueSeconds >= SqsLimits.MIN_VISIBILITY_TIMEOUT_SECONDS) {
            return queueSeconds;
        }
        LOG.warnf("Queue '%s' has a visibility timeout of %d s, which would let other consumers receive its messages"
                + " while they are being handled: they are received with an explicit visibility timeout of %d s, which"
                + " the heartbeat extends; set %s to choose another", queue.name(), queueSeconds,
                SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS, queue.property("visibility-timeout"));
        return SqsLimits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
    }

    /** No more retries: polling stops. */
    void stop() {
        stopped = true;
    }

    private void retryLater(SqsAsyncClient sqs, String queueUrl) {
        if (stopped) {
            return;
        }
        failures++;
        long delay = Math.min(MAX_RETRY_DELAY_MILLIS,
                Math.max(1, queue.pollInterval().toMillis()) << Math.min(failures - 1, 20));
        timer.schedule(() -> read(sqs, queueUrl).whenComplete((seconds, failure) -> {
            if (stopped) {
                return;
            }
            if (failure == null) {
                LOG.infof("Read the visibility timeout of queue '%s' (%d s) after %d failed attempt(s)", queue.name(),
                        seconds, failures);
                failures = 0;
                known.accept(usable(seconds));
            } else if (!(Failures.unwrap(failure) instanceof CancellationException)) {
                LOG.debugf("Could not read the visibility timeout of queue '%s' again (attempt %d): %s", queue.name(),
                        failures + 1, Failures.describe(Failures.unwrap(failure)));
                retryLater(sqs, queueUrl);
            }
        }), delay, TimeUnit.MILLISECONDS);
    }
}
