package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A batch with a fast and a slow message, on a queue with a 2 s visibility timeout: the fast message is done at
 * once, but it is deleted only with its batch, once the slow one is done; the heartbeat must keep it hidden until
 * then, or SQS delivers it a second time (to this loop's prefetching receive, or to another instance).
 * <p>
 * The test would prove nothing if the two came in separate batches. When the slow message is done, the fast one
 * has reached its observer and is still in flight: had the slow one come first, alone, the fast one would still be
 * waiting in the next batch; had the fast one come first, alone, it would have been deleted long before.
 */
class HeartbeatWholeBatchTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Observers.class, OneBatch.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.batch.queue-name", "whole-batch")
            .overrideConfigKey("quarkus.sqs-changes.queues.batch.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.batch.wait-time", "1s");

    @Inject
    Observers observers;

    @Inject
    ChangeSourceControl control;

    @Test
    void aFastMessageStaysHiddenUntilItsBatchIsDeleted() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("whole-batch");
        List<String> ids = OneBatch.send(control, "batch", sqs, queueUrl,
                () -> List.of(sqs.send(queueUrl, "fast"), sqs.send(queueUrl, "slow")));
        String fast = ids.get(0);
        String slow = ids.get(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> observers.seen().containsAll(List.of(fast, slow)));
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        // two more visibility timeouts: a message that came back would be seen again by now
        await().during(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(8)).until(() -> observers.seen().size() == 2);

        assertThat(observers.slowDone()).isTrue();
        assertThat(observers.seen()).containsExactlyInAnyOrder(fast, slow);
        assertThat(observers.seenWhenSlowDone()).as("handled when 'slow' was done").containsExactlyInAnyOrder(fast,
                slow);
        assertThat(observers.inFlightWhenSlowDone()).as("messages in flight when 'slow' was done").isEqualTo(2);
    }

    @Singleton
    public static class Observers {

        private final List<String> seen = new CopyOnWriteArrayList<>();
        private volatile boolean slowDone;
        private volatile List<String> seenWhenSlowDone;
        private volatile int inFlightWhenSlowDone;

        void record(@Observes Change change) {
            seen.add(change.revision());
        }

        void work(@ObservesAsync Change change) throws InterruptedException {
            if (change.properties().get("sqs_body").equals("slow")) {
                Thread.sleep(6000); // three visibility timeouts, beaten every second
                seenWhenSlowDone = List.copyOf(seen);
                inFlightWhenSlowDone = EmbeddedSqs.devService().messagesInFlight(change.repository());
                slowDone = true;
            }
        }

        List<String> seen() {
            return seen;
        }

        boolean slowDone() {
            return slowDone;
        }

        List<String> seenWhenSlowDone() {
            return seenWhenSlowDone;
        }

        int inFlightWhenSlowDone() {
            return inFlightWhenSlowDone;
        }
    }
}
