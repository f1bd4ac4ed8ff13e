package io.quarkiverse.sqschanges.test.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code sqs.changes.lag} is the time from sending to receipt, as documented: messages of one batch whose
 * observers take a second each all have the lag they had when the batch arrived, not the time they waited for the
 * observers of the messages before them.
 */
class LagAtReceiptTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OneSecondObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.lagging.queue-name", "lagging")
            .overrideConfigKey("quarkus.sqs-changes.queues.lagging.wait-time", "1s");

    @Inject
    MeterRegistry registry;

    @Inject
    ChangeSourceControl control;

    @Inject
    OneSecondObserver observer;

    @Test
    void lagIsTakenAtReceipt() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("lagging");
        // sent while the queue is paused and no receive waits, so that one receive returns all three
        control.pause("lagging");
        Thread.sleep(2500);
        for (int i = 0; i < 3; i++) {
            sqs.send(queueUrl, "slow-" + i);
        }
        long sentAt = System.nanoTime();
        control.resume("lagging");
        control.pollNow("lagging");

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.handled.get() == 3);
        Timer lag = registry.get("sqs.changes.lag").tags("queue", "lagging").timer();
        assertThat(lag.count()).isEqualTo(3);
        long handledAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        assertThat(handledAfter).as("the three were handled one after the other").isGreaterThanOrEqualTo(3000);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).as("the longest lag, in ms").isLessThan(2000);
    }

    /** Takes a second per change. */
    @Singleton
    public static class OneSecondObserver {

        final AtomicInteger handled = new AtomicInteger();

        void on(@Observes Change change) throws InterruptedException {
            Thread.sleep(1000);
            handled.incrementAndGet();
        }
    }
}
