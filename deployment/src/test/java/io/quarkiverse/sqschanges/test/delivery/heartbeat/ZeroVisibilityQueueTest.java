package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.SlowObserver;
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
            .overrideConfigKey("test.observer-millis", "3000")
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
        assertThat(observer.seen).containsExactly(sent);
        assertThat(observer.duplicates.get()).as("changes observed twice").isZero();
    }
}
