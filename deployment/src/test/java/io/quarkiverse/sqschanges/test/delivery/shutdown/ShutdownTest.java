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
 * Stops the application while observers are working, then looks at the queue: every message is either observed
 * and deleted, or still there; none is deleted without having been observed, none observed and left.
 */
class ShutdownTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final int SENT = 6;
    /** Shared through a system property: the application and JUnit load this class with different class loaders. */
    static final String OBSERVED = "sqs-changes.test.shutdown.observed";
    /** Filled before the application starts, so that its first receive gets a full batch of three. */
    static final String QUEUE_URL = filled(SQS.createQueue("shutdown"));

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SevenTenthsSecondObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.max-messages", "3")
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.visibility-timeout", "60s")
            .setAfterAllCustomizer(ShutdownTest::nothingLostNothingLeftBehind));

    @Test
    void stopWhileObserversWork() {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !observed().isEmpty());
        // returning now stops the application while the first batch is being handled
    }

    /** Sends once, although this class is initialized twice (by JUnit and by the application). */
    static String filled(String queueUrl) {
        if (System.getProperty(OBSERVED + ".sent") == null) {
            System.setProperty(OBSERVED + ".sent", "true");
            for (int i = 0; i < SENT; i++) {
                SQS.send(queueUrl, "work-" + i);
            }
        }
        return queueUrl;
    }

    static void nothingLostNothingLeftBehind() {
        Set<String> observed = new HashSet<>(observed());
        // visible and in flight: an observed message whose delete was never sent would stay hidden for 60 s
        assertThat(SQS.messagesOnQueue(QUEUE_URL)).as("the deletes of observed messages were flushed at shutdown")
                .isEqualTo(SENT - observed.size());
        Set<String> left = SQS.receiveVisible(QUEUE_URL, 60).stream().map(m -> m.body()).collect(Collectors.toSet());
        assertThat(observed).as("the batch in flight at shutdown was completed").hasSizeGreaterThanOrEqualTo(3);
        assertThat(left).as("observed messages were deleted before the client closed").doesNotContainAnyElementsOf(observed);
        assertThat(observed.size() + left.size()).as("no message was deleted without being observed").isEqualTo(SENT);
    }

    @SuppressWarnings("unchecked")
    static Queue<String> observed() {
        return (Queue<String>) System.getProperties().computeIfAbsent(OBSERVED, k -> new ConcurrentLinkedQueue<String>());
    }

    @Singleton
    static class SevenTenthsSecondObserver {

        void on(@Observes Change change) throws InterruptedException {
            Thread.sleep(700);
            observed().add(change.message().body());
        }
    }
}
