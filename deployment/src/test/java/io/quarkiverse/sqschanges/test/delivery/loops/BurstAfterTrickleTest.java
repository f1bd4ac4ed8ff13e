package io.quarkiverse.sqschanges.test.delivery.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.SlowObserver;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Elastic receive loops: during a trickle of messages, loops end on empty receives; the burst that follows brings
 * the queue back to {@code concurrency=4} loops at once, so that four observers run at the same time.
 */
class BurstAfterTrickleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowObserver.class))
            .overrideConfigKey("test.observer-millis", "200")
            .overrideConfigKey("quarkus.sqs-changes.queues.elastic.queue-name", "elastic")
            .overrideConfigKey("quarkus.sqs-changes.queues.elastic.concurrency", "4")
            .overrideConfigKey("quarkus.sqs-changes.queues.elastic.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.elastic.wait-time", "1s");

    @Inject
    SlowObserver observer;

    @Test
    void aBurstAfterATrickleGetsEveryLoop() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("elastic");
        // a trickle: a message every 400 ms, fewer than four loops' receives can share within their 1 s wait, so
        // that loops keep ending on empty receives while others go on receiving
        for (int i = 0; i < 20; i++) {
            sqs.send(queueUrl, "trickle-" + i);
            Thread.sleep(400);
        }
        // the burst comes while the trickle's loops still poll
        observer.maxInFlight.set(0);

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(sqs.send(queueUrl, "burst-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.seen.size() == 60);
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);

        assertThat(observer.seen).containsAll(burst);
        assertThat(observer.duplicates.get()).isZero();
        assertThat(observer.maxInFlight.get()).as("observers at once during the burst").isEqualTo(4);
    }
}
