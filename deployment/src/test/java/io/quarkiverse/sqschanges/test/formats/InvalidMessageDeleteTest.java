package io.quarkiverse.sqschanges.test.formats;

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

class InvalidMessageDeleteTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.events.queue-name", "invalid-delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void invalidMessagesAreDeletedWhenConfiguredSo() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("invalid-delete");
        sqs.send(queueUrl, "not json");
        sqs.send(queueUrl, "\"a string\"");
        String good = sqs.send(queueUrl, "{\"ok\":true}");

        assertThat(received.await(1)).extracting(Change::revision).containsExactly(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(received.all()).hasSize(1);
    }
}
