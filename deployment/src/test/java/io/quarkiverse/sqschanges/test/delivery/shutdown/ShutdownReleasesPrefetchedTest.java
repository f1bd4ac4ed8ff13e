package io.quarkiverse.sqschanges.test.delivery.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Stops the application while a loop handles one batch and holds three more received ahead of it
 * ({@code prefetch-batches=3}): the batch being handled is handled and deleted, and the three received ahead are
 * made visible again at once (their visibility timeout, 60 s, would otherwise hide them from other consumers).
 */
class ShutdownReleasesPrefetchedTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("shutdown-prefetched");
    static final int SENT = 50;
    /** Shared through a system property: the application and JUnit load this class with different class loaders. */
    static final String OBSERVED = "sqs-changes.test.shutdown-prefetched.observed";

    static {
        // this class is initialized twice (JUnit and the application): send once, before the application starts, so
        // that the first receive comes back full
        if (System.getProperty("sqs-changes.test.shutdown-prefetched.sent") == null) {
            System.setProperty("sqs-changes.test.shutdown-prefetched.sent", "true");
            for (int i = 0; i < SENT; i++) {
                SQS.send(QUEUE_URL, "work-" + i);
            }
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowFirstObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetched.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetched.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetched.prefetch-batches", "3")
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetched.visibility-timeout", "60s")
            .setAfterAllCustomizer(ShutdownReleasesPrefetchedTest::batchesReceivedAheadAreVisibleAgain));

    @Test
    void stopWhileBatchesWaitBehindTheOneHandled() {
        // the batch handled and three full ones ahead of it
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> SQS.messagesInFlight(QUEUE_URL) == 40);
        assertThat(observed()).as("nothing observed beyond the first batch yet").hasSizeLessThanOrEqualTo(1);
        // returning now stops the application while the first batch is being handled
    }

    static void batchesReceivedAheadAreVisibleAgain() {
        Set<String> observed = new HashSet<>(observed());
        assertThat(observed).as("the batch being handled at shutdown was completed, nothing more").hasSize(10);
        assertThat(SQS.messagesOnQueue(QUEUE_URL)).as("the observed messages were deleted").isEqualTo(SENT - 10);
        Set<String> visible = SQS.receiveVisible(QUEUE_URL, 60).stream().map(m -> m.body())
                .collect(Collectors.toSet());
        assertThat(visible).as("the batches received ahead were released at once, with the ten never received")
                .hasSize(SENT - 10).doesNotContainAnyElementsOf(observed);
    }

    @SuppressWarnings("unchecked")
    static Queue<String> observed() {
        return (Queue<String>) System.getProperties().computeIfAbsent(OBSERVED, k -> new ConcurrentLinkedQueue<String>());
    }

    @Singleton
    static class SlowFirstObserver {

        private boolean first = true;

        synchronized void on(@Observes Change change) throws InterruptedException {
            if (first) {
                first = false;
                // the test method returns at once, and stopping must begin while this batch is handled: 8 s for it
                // on a busy machine, well within the 30 s shutdown-timeout that the batch is let finish in
                Thread.sleep(8000);
            }
            observed().add(change.message().body());
        }
    }
}
