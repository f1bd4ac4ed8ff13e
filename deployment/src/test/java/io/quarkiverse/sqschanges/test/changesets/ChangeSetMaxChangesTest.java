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
 * A burst larger than {@code max-changes} splits into sets of at most that size: a full set fires at once.
 */
class ChangeSetMaxChangesTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-max-changes");
    static final int MESSAGES = 25;

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.big.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.big.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.big.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.max-changes", "10"));

    @Inject
    ReceivedSets sets;

    @Test
    void aBigBurstSplitsIntoSetsOfMaxChanges() {
        for (int i = 0; i < MESSAGES; i++) {
            SQS.send(QUEUE, "push " + i);
        }

        List<ReceivedSets.Observed> fired = sets.awaitChanges(MESSAGES);
        assertThat(fired).allSatisfy(observed -> assertThat(observed.set().size()).isLessThanOrEqualTo(10));
        assertThat(fired).filteredOn(observed -> observed.set().trigger() == ChangeSet.Trigger.MAX_CHANGES)
                .hasSize(2).allSatisfy(observed -> assertThat(observed.set().size()).isEqualTo(10));
        assertThat(fired.stream().flatMap(observed -> observed.bodies().stream()).distinct().count())
                .isEqualTo(MESSAGES);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
    }
}
