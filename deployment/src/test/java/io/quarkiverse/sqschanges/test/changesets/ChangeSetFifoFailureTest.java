package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One batch of a FIFO group splits into two sets ({@code max-changes=3}); the first set fails. The second, gathered
 * after it, fails with it without being fired, so that the group comes back whole and in order: the sets handled
 * in the end hold the group's messages in the order they were sent, each delivered twice.
 */
class ChangeSetFifoFailureTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    /**
     * Sent messages wait 3 s (a FIFO queue takes no delay per message, only the queue's): longer than a receive that
     * was waiting when the queue was paused, which a pause does not abort, and would take the first of them alone.
     */
    static final int DELAY_SECONDS = 3;
    static final String QUEUE = SQS.createQueue("set-order-failure.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
            QueueAttributeName.DELAY_SECONDS, Integer.toString(DELAY_SECONDS)));

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.max-changes", "3"));

    @Inject
    ReceivedSets sets;

    @Inject
    ChangeSourceControl control;

    @Test
    void theSetsAfterAFailedOneFailWithIt() throws InterruptedException {
        sets.failNext(1);
        List<String> sent = IntStream.range(0, 6).mapToObj(i -> "g-" + i).toList();
        // sent while the queue is paused, visible once its last long poll (of 1 s) is over, and all visible before it
        // resumes, so that one receive gets them all
        control.pause("orders.fifo");
        SQS.client().sendMessageBatch(b -> b.queueUrl(QUEUE).entries(sent.stream()
                .map(body -> SendMessageBatchRequestEntry.builder().id(body).messageBody(body)
                        .messageGroupId("group-g").messageDeduplicationId(body).build())
                .toList()));
        Thread.sleep(DELAY_SECONDS * 1000L + 500);
        control.resume("orders.fifo");
        control.pollNow("orders.fifo");

        List<ReceivedSets.Observed> fired = sets.awaitHandled(6);
        assertThat(fired.get(0).failed()).isTrue();
        assertThat(fired.get(0).bodies()).containsExactly("g-0", "g-1", "g-2");
        List<Change> handled = fired.stream().filter(observed -> !observed.failed())
                .flatMap(observed -> observed.set().changes().stream()).toList();
        assertThat(handled).extracting(change -> change.message().body()).containsExactlyElementsOf(sent);
        assertThat(handled).as("none of the group was deleted before the failed set came back")
                .allSatisfy(change -> assertThat(change.message().receiveCount()).isEqualTo(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
    }
}
