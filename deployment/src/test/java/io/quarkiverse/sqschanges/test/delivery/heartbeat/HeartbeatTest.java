package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An observer slower than the visibility timeout: the heartbeat keeps its message hidden, so a competing consumer
 * (played by the test) never gets it, and it is delivered once.
 */
class HeartbeatTest {

    // a hand-started server: one queue needs its own visibility timeout, which the Dev Service does not set per queue
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String CONFIGURED_URL = SQS.createQueue("heartbeat-configured");
    static final String QUEUE_DEFAULT_URL = SQS.createQueue("heartbeat-queue-default",
            Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SixSecondObserver.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.configured.url", CONFIGURED_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.configured.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.configured.wait-time", "1s")
            // no visibility-timeout: the queue's own (2 s) is read from SQS
            .overrideConfigKey("quarkus.sqs-changes.queues.queue-default.url", QUEUE_DEFAULT_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.queue-default.wait-time", "1s");

    @Inject
    SixSecondObserver observer;

    @Test
    void slowObserversKeepTheirMessageHidden() {
        String first = SQS.send(CONFIGURED_URL, "slow");
        String second = SQS.send(QUEUE_DEFAULT_URL, "slow");

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.started.size() == 2);
        // compete for the messages for longer than twice their visibility timeout
        List<Message> stolen = new CopyOnWriteArrayList<>();
        long until = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < until) {
            for (String url : List.of(CONFIGURED_URL, QUEUE_DEFAULT_URL)) {
                List<Message> got = SQS.client().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)
                        .visibilityTimeout(30)).messages();
                stolen.addAll(got);
            }
            sleep(200);
        }

        assertThat(stolen).as("messages delivered to a competing consumer while being handled").isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.finished.size() == 2);
        assertThat(observer.started).containsExactlyInAnyOrder(first, second);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> SQS.messagesOnQueue(CONFIGURED_URL) + SQS.messagesOnQueue(QUEUE_DEFAULT_URL) == 0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Singleton
    static class SixSecondObserver {

        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> finished = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) {
            started.add(change.revision());
            sleep(6000);
            finished.add(change.revision());
        }
    }
}
