package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The observer of a set fails: every message of the set is kept and delivered again; their changes are fired again
 * and gathered into the next set, which holds them all; once it is handled, they are deleted.
 */
class ChangeSetFailureTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-failure");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Test
    void aFailedSetIsDeliveredAgainWhole() {
        sets.failNext(1);
        for (int i = 0; i < 5; i++) {
            SQS.send(QUEUE, "push " + i);
        }

        List<ReceivedSets.Observed> fired = sets.awaitChanges(10);
        assertThat(fired).hasSize(2);
        assertThat(fired.get(1).revisions()).as("the next set holds every message of the failed one")
                .containsExactlyInAnyOrderElementsOf(fired.get(0).revisions()).hasSize(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
        assertThat(changes.all()).extracting(Change::revision).as("each change fired again on redelivery")
                .hasSize(10).containsAll(fired.get(0).revisions());
        assertThat(fired.get(1).set().changes()).allSatisfy(change -> assertThat(change.message().receiveCount())
                .isEqualTo(2));
    }
}
