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
 * With {@code deduplicate=true}, a failed set releases the claims of all its messages: when they come back, each
 * change is fired again (not left on the queue as a copy in flight) and gathered into the next sets; once these are
 * handled, the messages are deleted.
 */
class ChangeSetFailureReleasesClaimsTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-failure-claims");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Test
    void everyMessageOfAFailedSetIsFiredAndGatheredAgain() {
        sets.failNext(1);
        SQS.client().sendMessageBatch(b -> b.queueUrl(QUEUE).entries(IntStream.range(0, 5)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("push " + i).build())
                .toList()));

        List<ReceivedSets.Observed> fired = sets.awaitHandled(5);
        ReceivedSets.Observed failed = fired.get(0);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.revisions()).hasSize(5);
        assertThat(fired.stream().skip(1).flatMap(observed -> observed.revisions().stream()))
                .as("the next sets hold every message of the failed one, and only those")
                .containsExactlyInAnyOrderElementsOf(failed.revisions());
        await().atMost(Duration.ofSeconds(15)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
        assertThat(changes.all()).extracting(Change::revision).as("each change fired again, not skipped as a copy")
                .hasSize(10).containsAll(failed.revisions());
    }
}
