package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** A set whose observer fails once, shared by the tests of a failed set with and without duplicate claims. */
final class FailedSetScenario {

    private FailedSetScenario() {
    }

    /**
     * Sends five messages, fails their set once, and checks that every one of them comes back, is fired again,
     * gathered into the next sets and deleted once handled.
     */
    static void failOnceThenHandle(EmbeddedSqs sqs, String queue, ReceivedSets sets, ReceivedChanges changes) {
        sets.failNext(1);
        sqs.client().sendMessageBatch(b -> b.queueUrl(queue).entries(IntStream.range(0, 5)
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
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queue) == 0);
        assertThat(changes.all()).extracting(Change::revision).as("each change fired again on redelivery")
                .hasSize(10).containsAll(failed.revisions());
        assertThat(fired.stream().skip(1).flatMap(observed -> observed.set().changes().stream()))
                .allSatisfy(change -> assertThat(change.message().receiveCount()).isEqualTo(2));
    }
}
