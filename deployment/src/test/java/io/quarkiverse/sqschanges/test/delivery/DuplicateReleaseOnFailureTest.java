package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FirstArrivalFails;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code deduplicate=true}, a message whose observer fails has its claim released: it comes back after its
 * visibility timeout ({@code on-failure=keep}), is fired again as new rather than left on the queue as a copy in
 * flight, and once that delivery is handled it is deleted, recorded as handled, and fired no more.
 */
class DuplicateReleaseOnFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FailingOnceObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.queue-name", "duplicate-release")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.flaky.wait-time", "1s");

    @Inject
    FailingOnceObserver observer;

    @Inject
    DuplicateFilter filter;

    @Test
    void aFailedMessageIsFiredAgainThenDeletedOnce() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("duplicate-release");
        String id = sqs.send(queueUrl, "fails once");

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.fired().size() >= 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.fired()).extracting(Change::revision).as("fired, failed, and fired again")
                .containsExactly(id, id);
        assertThat(observer.fired().get(1).message().receiveCount()).isEqualTo(2);
        assertThat(filter.alreadyHandled("flaky", id)).as("recorded as handled").isTrue();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> observer.fired().size() == 2 && sqs.messagesOnQueue(queueUrl) == 0);
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
