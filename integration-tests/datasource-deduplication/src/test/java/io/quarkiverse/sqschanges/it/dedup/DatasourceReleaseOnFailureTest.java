package io.quarkiverse.sqschanges.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FirstArrivalFails;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the datasource filter (H2 here), a message whose observer fails has its claim released (its row deleted,
 * rather than left claimed and renewed): it comes back after its visibility timeout, is fired again, and once that
 * delivery is handled it is deleted, fired no more, and its row says {@code HANDLED}.
 */
class DatasourceReleaseOnFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FailingOnceObserver.class, HandledRows.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:datasource-release;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.table", "release_handled")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.queue-name", "datasource-release")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.wait-time", "1s");

    @Inject
    FailingOnceObserver observer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFailedMessageIsFiredAgainThenHandledInTheTable() throws SQLException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("datasource-release");
        String id = sqs.send(queueUrl, "fails once");

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.fired().size() >= 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.fired()).extracting(Change::revision).as("fired, failed, and fired again")
                .containsExactly(id, id);
        assertThat(observer.fired().get(1).message().receiveCount()).isEqualTo(2);
        assertThat(state(id)).isEqualTo("HANDLED");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> observer.fired().size() == 2 && sqs.messagesOnQueue(queueUrl) == 0);
    }

    private String state(String messageId) throws SQLException {
        return HandledRows.state(dataSource, "release_handled", "flaky", messageId);
    }

    /** Throws on the first change it sees. */
    @Singleton
    static class FailingOnceObserver {

        private final FirstArrivalFails<Change> arrivals = new FirstArrivalFails<>();

        void on(@Observes Change change) {
            arrivals.arrive(change);
        }

        List<Change> fired() {
            return arrivals.arrived();
        }
    }
}
