package io.quarkiverse.sqschanges.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A queue read through a named SQS client, and no endpoint configured for any client: the Dev Service serves the
 * named client too, so a message sent to its queue on the embedded server is observed and deleted.
 */
class DevServicesNamedClientTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.named.queue-name", "dev-named-client")
            .overrideConfigKey("quarkus.sqs-changes.queues.named.client", "other")
            .overrideConfigKey("quarkus.sqs-changes.queues.named.wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void theNamedClientReadsFromTheDevService() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("dev-named-client");
        String id = sqs.send(queueUrl, "through the named client");

        Change change = received.await(1).get(0);
        assertThat(change.revision()).isEqualTo(id);
        assertThat(change.queue()).isEqualTo("named");
        assertThat(change.repository()).isEqualTo(queueUrl);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }
}
