package io.quarkiverse.sqschanges.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.it.ChangeLog;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The guide's Testing page, "Testing a mapper": what the demo's CommandMapper makes of a line, and what becomes of
 * a line it rejects with the Dev Service's dead-letter queue ({@code max-receive-count=3} in the demo).
 */
@QuarkusTest
class CommandMapperTest {

    @Inject
    SqsClient sqs;

    @Inject
    ChangeLog changes; // the demo's observer of every change: it keeps the last ones

    // tag::mapped[]
    @Test
    void aLineBecomesAProperty() {
        String id = send("commands", "action deploy");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(changes.recent())
                .filteredOn(change -> change.revision().equals(id))
                .singleElement()
                .satisfies(change -> assertThat(change.properties()).containsEntry("action", "deploy")));
    }
    // end::mapped[]

    // tag::rejected[]
    @Test
    void aRejectedLineEndsInTheDeadLetterQueue() {
        String id = send("commands", "deploy");

        // kept: delivered again after each visibility timeout (2 s), moved by the redrive policy after 3 receives
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds("commands-dlq").contains(id));
        assertThat(changes.recent()).extracting(Change::revision).doesNotContain(id);
    }

    /** @return the ids of the messages on a queue, left visible there */
    List<String> deadLetterIds(String queue) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages().stream().map(Message::messageId).toList();
    }
    // end::rejected[]

    String send(String queue, String body) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }
}
