package io.quarkiverse.sqschanges.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.runtime.dedup.JdbcDuplicateFilter;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FirstArrivalWaits;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code deduplication.store=datasource}, the claims and handled ids are rows of a table of the application's
 * datasource (H2 here), created at startup: a copy of a message delivered again and again while its first copy's
 * observer waits is not fired (its claim is in the table); once handled, the row says so; and a message that the
 * table says another instance handled is deleted without an event.
 */
class DatasourceDuplicatesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WaitingObserver.class, HandledRows.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:datasource-duplicates;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.table", "shared_handled")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.queue-name", "datasource-duplicates")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.concurrency", "2")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.visibility-heartbeat", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.wait-time", "5s");

    @Inject
    WaitingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Inject
    DuplicateFilter filter;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void claimsAndHandledIdsAreRowsOfTheTable() throws SQLException {
        assertThat(filter).isInstanceOf(JdbcDuplicateFilter.class);
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("datasource-duplicates");
        String id = sqs.send(queueUrl, "slow");

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.arrivals.arrived().size() >= 1);
        assertThat(state(id)).isEqualTo("CLAIMED");
        // the first delivery and at least two copies while its observer waits
        await().atMost(Duration.ofSeconds(15))
                .until(() -> control.status("claimed").received() >= 3 || observer.arrivals.arrived().size() > 1);
        assertThat(observer.arrivals.arrived()).as("changes fired while the first copy is in flight").containsExactly(id);

        observer.arrivals.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.arrivals.arrived()).containsExactly(id);
        assertThat(state(id)).isEqualTo("HANDLED");

        // another instance handled this one: its row is there before this instance can receive it (sent with a
        // delay, as a pause cannot stop a long poll already waiting from taking it at once)
        String handledElsewhere = sqs.client().sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody("handled by another instance").delaySeconds(2)).messageId();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO shared_handled (queue_name, message_id, state, holder, claimed_until, handled_at)"
                                + " VALUES ('claimed', ?, 'HANDLED', NULL, 0, 0)")) {
            insert.setString(1, handledElsewhere);
            insert.executeUpdate();
        }
        String fresh = sqs.send(queueUrl, "new");
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.arrivals.arrived().contains(fresh)
                && sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.arrivals.arrived()).containsExactly(id, fresh);
    }

    private String state(String messageId) throws SQLException {
        return HandledRows.state(dataSource, "shared_handled", "claimed", messageId);
    }

    /** Waits, on the first change only, until the test releases it. */
    @Singleton
    static class WaitingObserver {

        final FirstArrivalWaits arrivals = new FirstArrivalWaits();

        void on(@Observes Change change) throws InterruptedException {
            arrivals.arrive(change.revision());
        }
    }
}
