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
 * A named SQS client with its own endpoint, and none for the default client: the Dev Service starts for the
 * default client but leaves the named client's endpoint alone, so its queue is read from that endpoint and not from
 * the queue of the same name that the Dev Service created.
 */
class DevServicesNamedClientEndpointTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("named-client-endpoint");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs.other.endpoint-override", SQS.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.elsewhere.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.elsewhere.client", "other")
            .overrideConfigKey("quarkus.sqs-changes.queues.elsewhere.wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void theNamedClientKeepsItsOwnEndpoint() {
        EmbeddedSqs devService = EmbeddedSqs.devService();
        assertThat(devService.endpoint()).as("the Dev Service serves the default client").isNotEqualTo(SQS.endpoint());
        String devServiceQueue = devService.queueUrl("named-client-endpoint");
        devService.send(devServiceQueue, "on the Dev Service: not for this queue");

        String id = SQS.send(QUEUE_URL, "on the named client's endpoint");

        Change change = received.await(1).get(0);
        assertThat(change.revision()).isEqualTo(id);
        assertThat(change.repository()).isEqualTo(QUEUE_URL);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        await().during(Duration.ofSeconds(2)).until(() -> devService.messagesOnQueue(devServiceQueue) == 1);
        assertThat(received.all()).hasSize(1);
    }
}
