package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue whose own visibility timeout is 0 s (SQS accepts it): its messages are received with an explicit 30 s,
 * which the heartbeat extends, so that a second loop does not receive a message while it is being handled.
 */
class ZeroVisibilityQueueTest {

    // a hand-started server: the queue needs its own visibility timeout, which the Dev Service does not set per queue
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("zero-visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
            "0"));

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowObserver.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.zero.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.zero.concurrency", "2")
            .overrideConfigKey("quarkus.sqs-changes.queues.zero.wait-time", "1s");

    @Inject
    SlowObserver observer;

    @Test
    void aMessageIsHandledOnceAtATime() {
        String sent = SQS.send(QUEUE_URL, "slow");

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.finished.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        assertThat(observer.started).containsExactly(sent);
    }

    /** Takes 3 s. */
    @Singleton
    public static class SlowObserver {

        final List<String> started = new CopyOnWriteArrayList<>();
        final AtomicInteger finished = new AtomicInteger();

        void on(@Observes Change change) throws InterruptedException {
            started.add(change.message().messageId());
            Thread.sleep(3000);
            finished.incrementAndGet();
        }
    }
}
