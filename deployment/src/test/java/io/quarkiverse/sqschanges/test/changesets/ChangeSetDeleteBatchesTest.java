package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The 25 messages of one set, held until it is handled, are deleted together, ten per {@code DeleteMessageBatch}
 * (counted by a proxy between the application and SQS): a few requests, not one per message, and no single
 * {@code DeleteMessage}.
 */
class ChangeSetDeleteBatchesTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-delete-batches");
    static final SqsProxy PROXY = SqsProxy.shared("set-delete-batches", SQS.endpoint());
    static final int SENT = 25;

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "2s");

    @Inject
    ReceivedSets sets;

    @Test
    void theMessagesOfASetAreDeletedInBatches() {
        for (int first = 0; first < SENT; first += 10) {
            int from = first;
            SQS.client().sendMessageBatch(b -> b.queueUrl(QUEUE).entries(IntStream.range(from, Math.min(SENT, from + 10))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("push " + i).build())
                    .toList()));
        }

        assertThat(sets.awaitChanges(SENT)).as("one set").hasSize(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);

        assertThat(PROXY.count("DeleteMessage")).as("single deletes").isZero();
        // three when the deletes of the set go out together; the sender may start while the set's messages are
        // still being settled and split them (six in a loaded run), so the bound only tells batches from one
        // request per message, which would make 25
        assertThat(PROXY.count("DeleteMessageBatch")).as("batched deletes of a set of 25").isBetween(3, 12);
    }
}
