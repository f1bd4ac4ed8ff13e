package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A queue that holds {@code max-held-messages} for its change sets receives no more until a set is handled, so that
 * it never has more messages in flight.
 */
class ChangeSetMaxHeldTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String HELD = SQS.createQueue("set-max-held");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.held.url", HELD)
            .overrideConfigKey("quarkus.sqs-changes.queues.held.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.max-messages", "5")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.prefetch", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.max-held-messages", "5")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Test
    void aQueueHoldingItsLimitReceivesNoMore() throws InterruptedException {
        for (int i = 0; i < 15; i++) {
            SQS.send(HELD, "push " + i);
        }
        AtomicInteger mostInFlight = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (SQS.messagesOnQueue(HELD) > 0 && System.nanoTime() < deadline) {
            mostInFlight.accumulateAndGet(SQS.messagesInFlight(HELD), Math::max);
            Thread.sleep(50);
        }
        List<ReceivedSets.Observed> fired = sets.awaitChanges(15);
        // the limit is checked before each receive: one batch (5, no prefetch) may come on top, never all 15
        assertThat(mostInFlight.get()).as("messages in flight at most").isLessThanOrEqualTo(10).isPositive();
        assertThat(fired).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(observed -> assertThat(observed.set().size()).isLessThanOrEqualTo(10));
        assertThat(SQS.messagesOnQueue(HELD)).isZero();
    }
}
