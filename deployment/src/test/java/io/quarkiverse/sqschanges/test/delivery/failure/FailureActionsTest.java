package io.quarkiverse.sqschanges.test.delivery.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * on-failure=retry spaces deliveries by a doubling delay; on-failure=delete drops the message after one failure.
 */
class FailureActionsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FailingObservers.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.retry.queue-name", "on-failure-retry")
            .overrideConfigKey("quarkus.sqs-changes.queues.retry.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.retry.visibility-timeout", "30s")
            .overrideConfigKey("quarkus.sqs-changes.queues.retry.on-failure", "retry")
            .overrideConfigKey("quarkus.sqs-changes.queues.retry.retry-delay", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.delete.queue-name", "on-failure-delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.delete.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.delete.on-failure", "delete");

    @Inject
    FailingObservers observers;

    @Test
    void retryDelaysDoubleAndAreShorterThanTheVisibilityTimeout() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String retryUrl = sqs.queueUrl("on-failure-retry");
        sqs.send(retryUrl, "fail twice");

        await().atMost(Duration.ofSeconds(20)).until(() -> observers.retryAttemptsAt.size() == 3);
        List<Long> at = observers.retryAttemptsAt;
        long firstGap = at.get(1) - at.get(0);
        long secondGap = at.get(2) - at.get(1);
        // 1 s, then 2 s: not before, and far sooner than the 30 s visibility timeout that "keep" would wait
        assertThat(firstGap).isBetween(900L, 10_000L);
        assertThat(secondGap).isBetween(1_900L, 12_000L);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(retryUrl) == 0);
    }

    @Test
    void deleteDropsTheMessageAfterOneFailure() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String deleteUrl = sqs.queueUrl("on-failure-delete");
        sqs.send(deleteUrl, "fail");

        await().atMost(Duration.ofSeconds(10)).until(() -> observers.deleteAttempts.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(deleteUrl) == 0);
        assertThat(observers.deleteAttempts).hasSize(1);
    }

    @Singleton
    static class FailingObservers {

        final List<Long> retryAttemptsAt = new CopyOnWriteArrayList<>();
        final List<String> deleteAttempts = new CopyOnWriteArrayList<>();

        void onRetry(@Observes @Codebase("retry") Change change) {
            retryAttemptsAt.add(System.currentTimeMillis());
            if (change.message().receiveCount() < 3) {
                throw new IllegalStateException("failing on purpose");
            }
        }

        void onDelete(@Observes @Codebase("delete") Change change) {
            deleteAttempts.add(change.revision());
            throw new IllegalStateException("failing on purpose");
        }
    }
}
