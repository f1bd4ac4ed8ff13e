package io.quarkiverse.sqschanges.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.testkit.EmbeddedPostgresql;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The database of the duplicate filter (PostgreSQL, started by the test) stops while messages come: they are still
 * observed, as new, and deleted; one WARN says so, the metric's counter counts them; when the database is back, an
 * INFO says so and the filter records messages again.
 */
class DatabaseDownTest {

    static final EmbeddedPostgresql POSTGRES = EmbeddedPostgresql.shared("database-down");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", POSTGRES.jdbcUrl())
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            // a dead connection is noticed at once
            .overrideConfigKey("quarkus.datasource.jdbc.acquisition-timeout", "2s")
            .overrideConfigKey("quarkus.datasource.jdbc.login-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.queue-name", "database-down")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.wait-time", "1s")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.sqschanges"))
            .assertLogRecords(records -> {
                List<LogRecord> warnings = records.stream()
                        .filter(r -> LogRecords.text(r).contains("The duplicate filter failed for queue 'orders'"))
                        .toList();
                assertThat(warnings).as("one WARN for the outage").hasSize(1);
                assertThat(warnings.get(0).getLevel().intValue()).isEqualTo(Level.WARNING.intValue());
                assertThat(records).extracting(LogRecords::text)
                        .anyMatch(text -> text.contains("The duplicate filter works again for queue 'orders'"));
            });

    @Inject
    ReceivedChanges received;

    @Inject
    DuplicateFilter filter;

    @Inject
    ChangeSources sources;

    @Test
    void messagesAreObservedAsNewWhileTheDatabaseIsDown() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("database-down");
        String before = sqs.send(queueUrl, "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> revisions().contains(before)
                && sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(filter.alreadyHandled("orders", before)).isTrue();

        POSTGRES.stop();
        try {
            List<String> during = List.of(sqs.send(queueUrl, "during 1"), sqs.send(queueUrl, "during 2"),
                    sqs.send(queueUrl, "during 3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> revisions().containsAll(during)
                    && sqs.messagesOnQueue(queueUrl) == 0);
            assertThat(sources.counters("orders").orElseThrow().withoutDuplicateFilter()).isEqualTo(3);
        } finally {
            POSTGRES.start();
        }

        // tried again at most 5 s after the last failure
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String after = sqs.send(queueUrl, "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> revisions().contains(after));
            return filter.alreadyHandled("orders", after);
        });
        assertThat(revisions()).doesNotHaveDuplicates();
    }

    private List<String> revisions() {
        return List.copyOf(received.revisions);
    }

    @Singleton
    static class ReceivedChanges {

        final List<String> revisions = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) {
            revisions.add(change.revision());
        }
    }
}
