package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Ten messages waiting when the application starts are received and deleted in batches: a few ReceiveMessage and
 * DeleteMessageBatch requests, counted by a proxy between the application and SQS, and no single DeleteMessage.
 */
class BatchingTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("batching");
    static final SqsProxy PROXY = SqsProxy.shared("batching", SQS.endpoint());
    static final int SENT = 10;

    static {
        // this class is initialized twice (JUnit and the application): send once
        if (System.getProperty("sqs-changes.test.batching.sent") == null) {
            System.setProperty("sqs-changes.test.batching.sent", "true");
            for (int i = 0; i < SENT; i++) {
                SQS.send(QUEUE_URL, "message-" + i);
            }
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.batched.url", QUEUE_URL);

    @Inject
    ReceivedChanges received;

    @Test
    void messagesAreReceivedAndDeletedInBatches() {
        assertThat(received.await(SENT)).extracting(Change::revision).doesNotHaveDuplicates().hasSize(SENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);

        assertThat(PROXY.count("DeleteMessage")).as("single deletes").isZero();
        assertThat(PROXY.count("DeleteMessageBatch")).as("batched deletes of 10 messages").isBetween(1, 3);
        // up to 10 messages per receive; besides, the long polls (20 s) waiting for more
        assertThat(PROXY.count("ReceiveMessage")).as("receives of 10 messages").isBetween(1, 4);
    }
}
