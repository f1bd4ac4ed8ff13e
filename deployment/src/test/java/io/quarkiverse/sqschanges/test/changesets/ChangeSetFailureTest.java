package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The observer of a set fails: every message of the set is kept and delivered again; their changes are fired again
 * and gathered into the next sets (one, unless the messages come back apart); once handled, they are deleted.
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
        SQS.client().sendMessageBatch(b -> b.queueUrl(QUEUE).entries(IntStream.range(0, 5)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("push " + i).build())
                .toList()));

        List<ReceivedSets.Observed> fired = sets.awaitHandled(5);
        ReceivedSets.Observed failed = fired.get(0);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.revisions()).hasSize(5);
        List<String> handledAgain = fired.stream().skip(1).peek(observed -> assertThat(observed.failed()).isFalse())
                .flatMap(observed -> observed.revisions().stream()).toList();
        assertThat(handledAgain).as("the next sets hold every message of the failed one, and only those")
                .containsExactlyInAnyOrderElementsOf(failed.revisions());
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
        assertThat(changes.all()).extracting(Change::revision).as("each change fired again on redelivery")
                .hasSize(10).containsAll(failed.revisions());
        assertThat(fired.stream().skip(1).flatMap(observed -> observed.set().changes().stream()))
                .allSatisfy(change -> assertThat(change.message().receiveCount()).isEqualTo(2));
    }
}
