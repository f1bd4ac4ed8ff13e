package io.quarkiverse.sqschanges.test.delivery.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A failing observer keeps its message, which comes back until an attempt succeeds; each failure is logged at ERROR
 * with the queue and the message id, and the body only at DEBUG.
 */
class ObserverFailureTest {

    static final String SYNC_BODY = "sync-body-3f9c1a-confidential";
    static final String ASYNC_BODY = "async-body-77d0e2-confidential";
    static final String HANDLER_LOGGER = "io.quarkiverse.sqschanges.runtime.polling.BatchHandler";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FlakyObservers.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.queue-name", "failing-sync")
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sync.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.async.queue-name", "failing-async")
            .overrideConfigKey("quarkus.sqs-changes.queues.async.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.async.visibility-timeout", "1s")
            // the body is logged at DEBUG: captured too, to show that the check below would see it above DEBUG
            .overrideConfigKey("quarkus.log.category.\"" + HANDLER_LOGGER + "\".level", "DEBUG")
            .setLogRecordPredicate(LogRecords.aboveDebugOrFrom(HANDLER_LOGGER))
            .assertLogRecords(records -> {
                List<String> ids = LogRecords.recall("observer-failure");
                assertThat(ids).hasSize(2);
                assertFailuresLogged(records, "sync", ids.get(0), SYNC_BODY);
                assertFailuresLogged(records, "async", ids.get(1), ASYNC_BODY);
            });

    @Inject
    FlakyObservers observers;

    @Test
    void aFailingObserverKeepsTheMessageWhichIsDeliveredAgainUntilItSucceeds() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String syncUrl = sqs.queueUrl("failing-sync");
        String asyncUrl = sqs.queueUrl("failing-async");
        String syncId = sqs.send(syncUrl, SYNC_BODY);
        String asyncId = sqs.send(asyncUrl, ASYNC_BODY);
        LogRecords.remember("observer-failure", List.of(syncId, asyncId));

        await().atMost(Duration.ofSeconds(20)).until(() -> observers.syncSucceeded.size() == 1
                && observers.asyncSucceeded.size() == 1);

        // the same message came back after each failure, with a growing receive count
        assertThat(observers.syncAttempts).extracting(c -> c.message().receiveCount()).containsExactly(1, 2, 3);
        assertThat(observers.syncAttempts).extracting(Change::revision).containsOnly(syncId);
        assertThat(observers.asyncAttempts).extracting(c -> c.message().receiveCount()).containsExactly(1, 2, 3);
        assertThat(observers.asyncAttempts).extracting(Change::revision).containsOnly(asyncId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sqs.messagesOnQueue(syncUrl) + sqs.messagesOnQueue(asyncUrl) == 0);
    }

    /** Two failures: two ERROR records naming queue and message, with the observer's exception; no body above DEBUG. */
    static void assertFailuresLogged(List<LogRecord> records, String queue, String id, String body) {
        List<String> errors = LogRecords.errorsContaining(records, id, "queue '" + queue + "'");
        assertThat(errors).as("ERROR records of the failures of message %s on queue %s", id, queue).hasSize(2);
        assertThat(errors).allSatisfy(error -> assertThat(error).contains("failing on purpose"));
        assertThat(LogRecords.aboveDebugContaining(records, body)).as("records above DEBUG with the body").isEmpty();
        assertThat(LogRecords.debugContaining(records, body)).as("DEBUG records with the body").isNotEmpty();
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
