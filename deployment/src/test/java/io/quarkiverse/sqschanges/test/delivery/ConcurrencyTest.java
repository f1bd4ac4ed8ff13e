package io.quarkiverse.sqschanges.test.delivery;

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
 * {@code concurrency=4}: four receive loops handle batches at the same time, and every message is still observed
 * once and deleted.
 */
class ConcurrencyTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.parallel.queue-name", "concurrency")
            .overrideConfigKey("quarkus.sqs-changes.queues.parallel.concurrency", "4")
            .overrideConfigKey("quarkus.sqs-changes.queues.parallel.wait-time", "1s");

    @Inject
    SlowObserver observer;

    @Test
    void loopsHandleBatchesInParallelAndEachMessageOnce() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("concurrency");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(sqs.send(queueUrl, "m-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.seen.size() == sent.size());
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);

        assertThat(observer.seen).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(observer.duplicates.get()).isZero();
        assertThat(observer.maxInFlight.get()).isGreaterThan(1);
    }
}
