package io.quarkiverse.sqschanges.test.delivery.fifo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * On a FIFO queue a failed message holds back the rest of its group, which is then delivered again in order;
 * other groups go on meanwhile.
 */
class FifoFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrderedObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.queue-name", "fifo-failure.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.visibility-timeout", "2s");

    @Inject
    OrderedObserver observer;

    @Test
    void aFailureHoldsBackItsGroupOnly() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("fifo-failure.fifo");
        for (int i = 1; i <= 3; i++) {
            sqs.sendFifo(queueUrl, "a" + i, "A", "a" + i);
            sqs.sendFifo(queueUrl, "b" + i, "B", "b" + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.succeeded.size() == 6);
        List<String> a = observer.succeeded.stream().filter(body -> body.startsWith("a")).toList();
        List<String> b = observer.succeeded.stream().filter(body -> body.startsWith("b")).toList();
        assertThat(a).containsExactly("a1", "a2", "a3");
        assertThat(b).containsExactly("b1", "b2", "b3");
        // group B was done before the failed a2 came back: it was not held back by group A
        assertThat(observer.succeeded.indexOf("b3")).isLessThan(observer.succeeded.indexOf("a2"));
        // a3 was never handed to observers before a2 succeeded
        assertThat(observer.attempts.indexOf("a3")).isGreaterThan(observer.attempts.lastIndexOf("a2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    @Singleton
    static class OrderedObserver {

        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<String> succeeded = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) {
            String body = change.message().body();
            attempts.add(body);
            if (body.equals("a2") && change.message().receiveCount() == 1) {
                throw new IllegalStateException("a2 fails once");
            }
            succeeded.add(body);
        }
    }
}
