package io.quarkiverse.sqschanges.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkus.test.QuarkusUnitTest;

class InvalidMessageDeleteTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("invalid-delete");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, EmbeddedSqs.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.events.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.events.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.wait-time", "1s"));

    @Inject
    ReceivedChanges received;

    @Test
    void invalidMessagesAreDeletedWhenConfiguredSo() {
        SQS.send(QUEUE_URL, "not json");
        SQS.send(QUEUE_URL, "\"a string\"");
        String good = SQS.send(QUEUE_URL, "{\"ok\":true}");

        assertThat(received.await(1)).extracting(Change::revision).containsExactly(good);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        assertThat(received.all()).hasSize(1);
    }
}
