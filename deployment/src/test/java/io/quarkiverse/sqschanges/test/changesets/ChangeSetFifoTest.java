package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * On a FIFO queue, a set keeps each message group's order; SQS delivers no more of a group while its messages are
 * held, so the group's next messages come in the next set, in order too.
 */
class ChangeSetFifoTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-order.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    static final int PER_GROUP = 8;

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Test
    void eachGroupKeepsItsOrder() {
        List<String> expectedA = new ArrayList<>();
        List<String> expectedB = new ArrayList<>();
        for (int i = 0; i < PER_GROUP; i++) {
            SQS.sendFifo(QUEUE, "a-" + i, "group-a", "a-" + i);
            expectedA.add("a-" + i);
            SQS.sendFifo(QUEUE, "b-" + i, "group-b", "b-" + i);
            expectedB.add("b-" + i);
        }

        List<ReceivedSets.Observed> fired = sets.awaitChanges(2 * PER_GROUP);
        List<String> seenA = new ArrayList<>();
        List<String> seenB = new ArrayList<>();
        for (ReceivedSets.Observed observed : fired) {
            for (Change change : observed.set()) {
                String group = change.message().messageGroupId().orElseThrow();
                (group.equals("group-a") ? seenA : seenB).add(change.message().body());
            }
        }
        assertThat(seenA).containsExactlyElementsOf(expectedA);
        assertThat(seenB).containsExactlyElementsOf(expectedB);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
    }
}
