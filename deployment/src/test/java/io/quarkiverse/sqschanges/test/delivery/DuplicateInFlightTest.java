package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FirstArrivalWaits;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code deduplicate=true}, a copy of a message that arrives while the first copy is still being handled in
 * this instance is not fired: SQS delivers the message again and again (no heartbeat, a 1 s visibility timeout),
 * to the queue's second loop, whose receives wait longer than that, while the observer of the first copy waits. Once that
 * observer returns, the message
 * is deleted, and its change was fired once.
 */
class DuplicateInFlightTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WaitingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.queue-name", "duplicate-in-flight")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.concurrency", "2")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.visibility-heartbeat", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.claimed.wait-time", "5s");

    @Inject
    WaitingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Test
    void aCopyInFlightIsNotFiredAndTheMessageIsDeletedOnce() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("duplicate-in-flight");
        String id = sqs.send(queueUrl, "slow");

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.arrivals.arrived().size() >= 1);
        // the first delivery and at least two copies while its observer waits
        await().atMost(Duration.ofSeconds(15))
                .until(() -> control.status("claimed").received() >= 3 || observer.arrivals.arrived().size() > 1);
        assertThat(observer.arrivals.arrived()).as("changes fired while the first copy is in flight").containsExactly(id);
        assertThat(sqs.messagesOnQueue(queueUrl)).as("the copies are not deleted while the first may fail")
                .isEqualTo(1);

        observer.arrivals.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.arrivals.arrived()).containsExactly(id);
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
