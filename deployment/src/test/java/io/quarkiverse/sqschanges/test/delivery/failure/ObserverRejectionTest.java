package io.quarkiverse.sqschanges.test.delivery.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An observer that throws a {@code RejectedExecutionException} of its own (its own executor is full) fails as any
 * observer does: its queue's {@code on-failure=delete} applies, and the message is not taken for one whose
 * asynchronous observers the worker pool refused (which would make it visible again, to be observed again).
 */
class ObserverRejectionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RejectingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.rejecting.queue-name", "observer-rejection")
            .overrideConfigKey("quarkus.sqs-changes.queues.rejecting.on-failure", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.rejecting.wait-time", "1s");

    @Inject
    RejectingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Test
    void anObserversOwnRejectionIsAnObserverFailure() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("observer-rejection");
        String id = sqs.send(queueUrl, "rejected by the observer's own executor");

        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> observer.seen().size() == 1);
        assertThat(observer.seen()).containsExactly(id);
        assertThat(control.status("rejecting").failed()).as("messages failed").isEqualTo(1);
        assertThat(control.status("rejecting").deleted()).as("deleted by on-failure=delete").isEqualTo(1);
    }

    @Singleton
    static class RejectingObserver {

        private final List<String> seen = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) {
            seen.add(change.revision());
            throw new RejectedExecutionException("the observer's own executor is full");
        }

        List<String> seen() {
            return List.copyOf(seen);
        }
    }
}
