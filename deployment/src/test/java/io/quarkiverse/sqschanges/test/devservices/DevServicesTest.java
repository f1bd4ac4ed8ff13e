package io.quarkiverse.sqschanges.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * No endpoint configured: the Dev Service starts an embedded SQS server, creates the configured queues (FIFO and
 * dead-letter queues included) and points the client at it.
 */
class DevServicesTest {

    static final int PORT = FreePort.named("dev-services");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Attempts.class))
            .overrideConfigKey("quarkus.sqs-changes.devservices.port", Integer.toString(PORT))
            .overrideConfigKey("quarkus.sqs-changes.devservices.max-receive-count", "2")
            .overrideConfigKey("quarkus.sqs-changes.devservices.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.devservices.additional-queues", "outbox")
            .overrideConfigKey("quarkus.sqs-changes.queues.jobs.queue-name", "jobs")
            .overrideConfigKey("quarkus.sqs-changes.queues.jobs.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"events.fifo\".url",
                    "https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"events.fifo\".wait-time", "1s")
            .setAfterAllCustomizer(DevServicesTest::theServerStopsWithTheApplication);

    /** Runs once the application, and with it the Dev Service, has stopped: nothing listens on the port any more. */
    static void theServerStopsWithTheApplication() {
        assertThat(FreePort.isListening(PORT)).as("the embedded SQS server listening on port %d after the"
                + " application stopped", PORT).isFalse();
    }

    static final EmbeddedSqs SQS = EmbeddedSqs.at("http://127.0.0.1:" + PORT);

    @AfterAll
    static void closeClient() {
        SQS.close();
    }

    @jakarta.inject.Inject
    Attempts attempts;

    @Test
    void queuesAreCreatedAndMessagesFlowThroughTheEmbeddedServer() {
        SqsClient sqs = SQS.client();
        String jobs = sqs.getQueueUrl(b -> b.queueName("jobs")).queueUrl();
        String events = sqs.getQueueUrl(b -> b.queueName("events.fifo")).queueUrl();
        String dlq = sqs.getQueueUrl(b -> b.queueName("jobs-dlq")).queueUrl();
        sqs.getQueueUrl(b -> b.queueName("events-dlq.fifo"));
        sqs.getQueueUrl(b -> b.queueName("outbox"));
        Map<QueueAttributeName, String> fifo = sqs.getQueueAttributes(b -> b.queueUrl(events)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(fifo).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
        assertThat(fifo.get(QueueAttributeName.REDRIVE_POLICY)).contains("events-dlq.fifo").contains("2");

        String ok = sqs.sendMessage(b -> b.queueUrl(jobs).messageBody("ok")).messageId();
        String event = sqs.sendMessage(b -> b.queueUrl(events).messageBody("e1").messageGroupId("g")
                .messageDeduplicationId("e1")).messageId();
        String poison = sqs.sendMessage(b -> b.queueUrl(jobs).messageBody("poison")).messageId();

        await().atMost(Duration.ofSeconds(15)).until(() -> attempts.handled.containsAll(List.of(ok, event)));
        // the poison message is delivered max-receive-count times, then moved to the dead-letter queue
        await().atMost(Duration.ofSeconds(20)).until(() -> SQS.messagesOnQueue(dlq) == 1);
        assertThat(attempts.failed).containsOnly(poison).hasSize(2);
        List<Message> deadLetters = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertThat(deadLetters).as("the dead-letter queue holds the poison message").singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(poison))
                .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
        await().atMost(Duration.ofSeconds(5)).until(() -> SQS.messagesOnQueue(jobs) == 0);
    }

    @Singleton
    static class Attempts {

        final List<String> handled = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) {
            if (change.message().body().equals("poison")) {
                failed.add(change.revision());
                throw new IllegalStateException("poison");
            }
            handled.add(change.revision());
        }
    }
}
