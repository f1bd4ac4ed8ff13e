package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A steady trickle, each change within the quiet period of the last: the set fires at {@code max-wait} all the
 * same, and the rest of the trickle goes into the next sets.
 */
class ChangeSetMaxWaitTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-max-wait");
    static final int MESSAGES = 12;

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.trickle.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.trickle.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.trickle.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "2500ms")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.max-wait", "3s"));

    @Inject
    ReceivedSets sets;

    @Test
    void aTrickleFiresAtMaxWait() throws InterruptedException {
        // one every 400 ms for 4.8 s, longer than max-wait: only a gap of 2.5 s between two of them (a stall of
        // 2.1 s) would fire a set at its quiet period first
        for (int i = 0; i < MESSAGES; i++) {
            SQS.send(QUEUE, "push " + i);
            Thread.sleep(400);
        }

        List<ReceivedSets.Observed> fired = sets.awaitChanges(MESSAGES);
        ReceivedSets.Observed first = fired.get(0);
        assertThat(first.set().trigger()).isEqualTo(ChangeSet.Trigger.MAX_WAIT);
        assertThat(Duration.between(first.set().firstChangeAt(), first.at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900)).isLessThan(Duration.ofSeconds(8));
        assertThat(first.set().size()).isLessThan(MESSAGES);
        assertThat(fired.stream().mapToInt(observed -> observed.set().size()).sum()).isEqualTo(MESSAGES);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
    }
}
