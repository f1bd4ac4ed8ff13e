package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * 61 queues on the default SQS client settings: 60 idle ones, whose receive loops each hold a 20 s long poll open,
 * and a busy one loaded with 3,000 messages. More long polls than the SDK's default pool of 50 connections: every
 * message is still observed once and deleted, and no request waits in vain for a connection (no receive or delete
 * fails, no visibility change either).
 */
class ManyQueuesTest {

    static final int IDLE_QUEUES = 60;
    static final int MESSAGES = 3000;
    static final String POLLING = "io.quarkiverse.sqschanges.runtime.polling";

    @RegisterExtension
    static final QuarkusUnitTest app = idleQueues(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Observed.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.queue-name", "many-busy")
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.wait-time", "20s")
            // after the first failure (a WARN), failed visibility changes and deletes are logged at DEBUG
            .overrideConfigKey("quarkus.log.category.\"" + POLLING + ".VisibilityChanger\".level", "DEBUG")
            .overrideConfigKey("quarkus.log.category.\"" + POLLING + ".MessageDeleter\".level", "DEBUG")
            .setLogRecordPredicate(r -> LogRecords.isAboveDebug(r) || r.getLoggerName().startsWith(POLLING))
            .assertLogRecords(ManyQueuesTest::noRequestFailed);

    static QuarkusUnitTest idleQueues(QuarkusUnitTest test) {
        for (int i = 0; i < IDLE_QUEUES; i++) {
            test.overrideConfigKey("quarkus.sqs-changes.queues." + idle(i) + ".queue-name", idle(i))
                    .overrideConfigKey("quarkus.sqs-changes.queues." + idle(i) + ".wait-time", "20s");
        }
        return test;
    }

    static String idle(int i) {
        return String.format("many-idle-%02d", i);
    }

    @Inject
    Observed observed;

    @Inject
    ChangeSources sources;

    @Test
    void theBusyQueueDrainsBesideSixtyIdleLongPolls() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String busy = sqs.queueUrl("many-busy");
        long start = System.nanoTime();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("m-" + i).build());
            if (batch.size() == 10) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                assertThat(sqs.client().sendMessageBatch(b -> b.queueUrl(busy).entries(entries)).failed()).isEmpty();
                batch.clear();
            }
        }

        await().atMost(Duration.ofSeconds(240)).until(() -> observed.bodies.size() == MESSAGES);
        await().atMost(Duration.ofSeconds(60)).until(() -> sqs.messagesOnQueue(busy) == 0);
        System.out.printf("ManyQueuesTest: %d messages drained beside %d idle long polls in %d ms%n", MESSAGES,
                IDLE_QUEUES, Duration.ofNanos(System.nanoTime() - start).toMillis());

        assertThat(observed.bodies).hasSize(MESSAGES);
        assertThat(observed.duplicates.get()).as("messages observed twice").isZero();
        List<String> queues = new ArrayList<>(List.of("busy"));
        for (int i = 0; i < IDLE_QUEUES; i++) {
            queues.add(idle(i));
        }
        for (String queue : queues) {
            QueueCounters counters = sources.counters(queue).orElseThrow();
            assertThat(List.of(counters.receiveErrors(), counters.deleteErrors()))
                    .as("receive and delete errors of queue %s", queue).containsOnly(0L);
            assertThat(sources.status(queue).state()).as("state of queue %s", queue).isEqualTo(QueueState.POLLING);
        }
        assertThat(sources.counters("busy").orElseThrow().deleted()).isEqualTo(MESSAGES);
    }

    /** No request waited in vain for a connection, and nothing the poller does failed. */
    static void noRequestFailed(List<LogRecord> records) {
        assertThat(records).map(LogRecords::summary).as("log records about a connection that could not be acquired")
                .filteredOn(text -> text.contains("Acquire operation")).isEmpty();
        assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .filteredOn(r -> r.getLoggerName().startsWith("io.quarkiverse.sqschanges"))
                .map(LogRecords::summary).as("warnings and errors of the extension").isEmpty();
        assertThat(records).filteredOn(r -> r.getLoggerName().equals(POLLING + ".VisibilityChanger"))
                .map(LogRecords::summary).as("failed visibility changes").isEmpty();
    }

    @Singleton
    static class Observed {

        final Set<String> bodies = ConcurrentHashMap.newKeySet();
        final AtomicInteger duplicates = new AtomicInteger();

        void on(@Observes Change change) {
            if (change.queue().equals("busy") && !bodies.add(change.message().body())) {
                duplicates.incrementAndGet();
            }
        }
    }
}
