package io.quarkiverse.sqschanges.test.delivery.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogCapture;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The application stops while an observer needs longer than the shutdown grace period: the change sources stop
 * waiting for it after the grace period, say so in a warning, and its message stays on the queue, to be delivered
 * again, even though the observer then finishes (Quarkus's worker pool lets it run to its end while the application
 * stops).
 * <p>
 * The warning is logged while the application stops, after {@code QuarkusUnitTest} has stopped collecting log
 * records, so the test listens on the logger itself; the records and the observer's progress go through system
 * properties because the application and JUnit load this class with different class loaders.
 */
class ShutdownGraceTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("shutdown-grace");
    static final String EVENTS = "sqs-changes.test.shutdown-grace.events";
    static final String LOGGED = "sqs-changes.test.shutdown-grace.logged";
    static final String LOGGER = "io.quarkiverse.sqschanges.runtime.ChangeSources";

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(VerySlowObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.shutdown-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.grace.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.grace.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.grace.visibility-timeout", "30s")
            .setAfterAllCustomizer(ShutdownGraceTest::unfinishedMessageStaysAndShutdownWarns));

    @Test
    void stopWhileAnObserverNeedsLongerThanTheGracePeriod() {
        LogCapture.of(LOGGER, ShutdownGraceTest::recordWarning);
        SQS.send(QUEUE_URL, "takes five seconds");
        await().atMost(Duration.ofSeconds(10)).until(() -> events().contains("started"));
        // returning now stops the application while the observer needs four more seconds
    }

    static void unfinishedMessageStaysAndShutdownWarns() {
        // Quarkus's own worker pool lets the observer run to its end while the application stops
        await().atMost(Duration.ofSeconds(15)).until(() -> events().size() == 3);
        LogCapture.closeAll(LOGGER);
        assertThat(events()).as("shutdown gave up waiting before the observer was done")
                .containsExactly("started", "warned", "finished");
        assertThat(logged()).as("warnings of ChangeSources at shutdown").singleElement().asString()
                .contains("still in flight").contains("quarkus.sqs-changes.shutdown-timeout");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> SQS.messagesOnQueue(QUEUE_URL) == 1);
    }

    @SuppressWarnings("unchecked")
    static Queue<String> events() {
        return (Queue<String>) System.getProperties().computeIfAbsent(EVENTS, k -> new ConcurrentLinkedQueue<String>());
    }

    @SuppressWarnings("unchecked")
    static Queue<String> logged() {
        return (Queue<String>) System.getProperties().computeIfAbsent(LOGGED, k -> new ConcurrentLinkedQueue<String>());
    }

    /** Keeps the message of each warning, and when it came. */
    static void recordWarning(LogRecord record) {
        if (record.getLevel().intValue() == Level.WARNING.intValue()) {
            logged().add(LogRecords.text(record));
            events().add("warned");
        }
    }

    @Singleton
    static class VerySlowObserver {

        void on(@Observes Change change) {
            events().add("started");
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events().add("finished");
        }
    }
}
