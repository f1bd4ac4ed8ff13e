package io.quarkiverse.sqschanges.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.it.BuildTrigger;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The guide's Testing page, "Testing an observer": a message sent with the injected client reaches the observer
 * through the Dev Service's server, and is deleted once the observer has returned.
 */
// tag::observer-test[]
@QuarkusTest
class BuildTriggerTest {

    @Inject
    SqsClient sqs; // <1>

    @Inject
    BuildTrigger builds; // <2>

    @Test
    void aBuildMessageTriggersOneBuildAndIsDeleted() {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName("builds")).queueUrl();
        String id = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("action build")).messageId();

        await().atMost(Duration.ofSeconds(10)) // <3>
                .until(() -> builds.triggered().stream().anyMatch(change -> change.revision().equals(id)));
        assertThat(builds.triggered()).filteredOn(change -> change.revision().equals(id)) // <4>
                .singleElement()
                .extracting(Change::properties)
                .isEqualTo(Map.of("sqs_body", "action build"));
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOn(queueUrl) == 0); // <5>
    }

    /** @return the messages on the queue: waiting, received and not deleted yet, or delayed */
    int messagesOn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }
}
// end::observer-test[]
