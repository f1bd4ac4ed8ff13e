package io.quarkiverse.sqschanges.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkus.test.QuarkusUnitTest;

class ObserverFailureTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String SYNC_URL = SQS.createQueue("failing-sync");
    static final String ASYNC_URL = SQS.createQueue("failing-async");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, FlakyObservers.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.url", SYNC_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.async.url", ASYNC_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.async.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.async.visibility-timeout", "1s"));

    @Inject
    FlakyObservers observers;

    @Test
    void aFailingObserverKeepsTheMessageWhichIsDeliveredAgainUntilItSucceeds() {
        String syncId = SQS.send(SYNC_URL, "fail twice");
        String asyncId = SQS.send(ASYNC_URL, "fail twice");

        await().atMost(Duration.ofSeconds(20)).until(() -> observers.syncSucceeded.size() == 1
                && observers.asyncSucceeded.size() == 1);

        // the same message came back after each failure, with a growing receive count
        assertThat(observers.syncAttempts).extracting(c -> c.message().receiveCount()).containsExactly(1, 2, 3);
        assertThat(observers.syncAttempts).extracting(Change::revision).containsOnly(syncId);
        assertThat(observers.asyncAttempts).extracting(c -> c.message().receiveCount()).containsExactly(1, 2, 3);
        assertThat(observers.asyncAttempts).extracting(Change::revision).containsOnly(asyncId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> SQS.messagesOnQueue(SYNC_URL) + SQS.messagesOnQueue(ASYNC_URL) == 0);
    }

    @Singleton
    static class FlakyObservers {

        final List<Change> syncAttempts = new CopyOnWriteArrayList<>();
        final List<Change> syncSucceeded = new CopyOnWriteArrayList<>();
        final List<Change> asyncAttempts = new CopyOnWriteArrayList<>();
        final List<Change> asyncSucceeded = new CopyOnWriteArrayList<>();

        void onSync(@Observes @Codebase("sync") Change change) {
            syncAttempts.add(change);
            if (change.message().receiveCount() < 3) {
                throw new IllegalStateException("failing on purpose, delivery " + change.message().receiveCount());
            }
            syncSucceeded.add(change);
        }

        void onAsync(@ObservesAsync @Codebase("async") Change change) {
            asyncAttempts.add(change);
            if (change.message().receiveCount() < 3) {
                throw new IllegalStateException("failing on purpose, delivery " + change.message().receiveCount());
            }
            asyncSucceeded.add(change);
        }
    }
}
