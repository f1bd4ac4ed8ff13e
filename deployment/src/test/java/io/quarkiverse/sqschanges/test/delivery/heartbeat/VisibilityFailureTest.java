package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The heartbeat's {@code ChangeMessageVisibilityBatch} fails (here because the receipt handle is no longer valid:
 * the observer itself deletes its message, as another consumer might; a missing permission fails it the same way):
 * the first failure is a warning naming the queue, what the change was for and SQS's error code, but not the
 * receipt handle; the failures that follow are logged at DEBUG only, and the first success after them says that it
 * works again. The requests are counted in {@code sqs.changes.requests} with {@code action=change-visibility}.
 */
class VisibilityFailureTest {

    static final String LOGGER = "io.quarkiverse.sqschanges.runtime.polling.VisibilityChanger";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BlockingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.hidden.queue-name", "visibility-failures")
            // a heartbeat every second
            .overrideConfigKey("quarkus.sqs-changes.queues.hidden.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.hidden.wait-time", "1s")
            .overrideConfigKey("quarkus.log.category.\"" + LOGGER + "\".level", "DEBUG")
            .setLogRecordPredicate(LogRecords.aboveDebugOrFrom(LOGGER))
            .assertLogRecords(VisibilityFailureTest::loggedOncePerStateChange);

    @Inject
    BlockingObserver observer;

    @Inject
    MeterRegistry registry;

    @Test
    void failuresAreWarnedOnceAndCounted() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("visibility-failures");
        observer.queueUrl = queueUrl;

        sqs.send(queueUrl, "deleted behind the heartbeat's back");
        // the heartbeat fails every second while the observer waits: one warning, then DEBUG
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("error") >= 3);
        LogRecords.remember("visibility-receipt-handle", List.of(observer.receiptHandles.get(0)));
        observer.releases.get(0).countDown();

        sqs.send(queueUrl, "kept hidden");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("success") >= 1);
        observer.releases.get(1).countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.receiptHandles).hasSize(2);
    }

    private double requests(String outcome) {
        return registry.get("sqs.changes.requests").tags("queue", "hidden", "action", "change-visibility", "outcome",
                outcome).functionCounter().count();
    }

    static void loggedOncePerStateChange(List<LogRecord> records) {
        List<String> receiptHandle = LogRecords.recall("visibility-receipt-handle");
        assertThat(receiptHandle).hasSize(1);
        List<LogRecord> notices = records.stream().filter(r -> r.getLoggerName().equals(LOGGER))
                .filter(LogRecords::isAboveDebug).toList();
        assertThat(notices).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
        assertThat(LogRecords.text(notices.get(0))).contains("queue 'hidden'")
                .contains("keep it hidden while it is handled").contains("ReceiptHandleIsInvalid");
        assertThat(LogRecords.text(notices.get(1))).contains("queue 'hidden'").contains("works again");
        assertThat(LogRecords.aboveDebugContaining(records, receiptHandle.get(0)))
                .as("records above DEBUG with the receipt handle").isEmpty();
        // SQS's own text quotes the receipt handle: DEBUG only
        assertThat(LogRecords.debugContaining(records, receiptHandle.get(0))).as("DEBUG records with SQS's text")
                .isNotEmpty();
        assertThat(records.stream().filter(r -> r.getLoggerName().equals(LOGGER))
                .filter(r -> !LogRecords.isAboveDebug(r)).filter(r -> LogRecords.text(r).contains("ReceiptHandleIsInvalid")))
                .as("later failures, at DEBUG").hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * Waits, for each message, until the test releases it; the first message it deletes itself, as another
     * consumer might, so that its receipt handle is no longer valid.
     */
    @Singleton
    static class BlockingObserver {

        final List<String> receiptHandles = new CopyOnWriteArrayList<>();
        final List<CountDownLatch> releases = List.of(new CountDownLatch(1), new CountDownLatch(1));
        volatile String queueUrl;

        void on(@Observes Change change) throws InterruptedException {
            String receiptHandle = change.message().sdkMessage().receiptHandle();
            receiptHandles.add(receiptHandle);
            int index = receiptHandles.size() - 1;
            if (index == 0) {
                EmbeddedSqs.devService().client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle));
            }
            releases.get(index).await(20, TimeUnit.SECONDS);
        }
    }
}
