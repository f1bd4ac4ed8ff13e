package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The application stops while a set is open: the set is not fired, and its messages are made visible again at once
 * (long before their 60-second visibility timeout), none deleted.
 */
class ChangeSetShutdownTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-shutdown");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "60s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "60s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.max-wait", "5m")
            .setAfterAllCustomizer(ChangeSetShutdownTest::theMessagesAreVisibleAtOnce));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Test
    void stopWithAnOpenSet() {
        for (int i = 0; i < 4; i++) {
            SQS.send(QUEUE, "push " + i);
        }
        changes.await(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> SQS.messagesInFlight(QUEUE) == 4);
        assertThat(sets.all()).isEmpty();
        // returning now stops the application with the set open
    }

    static void theMessagesAreVisibleAtOnce() {
        List<Message> visible = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            visible.addAll(SQS.receiveVisible(QUEUE, 60));
            return visible.size() >= 4;
        });
        assertThat(visible).extracting(Message::body)
                .containsExactlyInAnyOrder("push 0", "push 1", "push 2", "push 3");
        assertThat(SQS.messagesOnQueue(QUEUE)).as("none deleted").isEqualTo(4);
    }
}
