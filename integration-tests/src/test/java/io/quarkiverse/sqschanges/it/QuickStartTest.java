package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.Change;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@QuarkusTest
class QuickStartTest {

    @Inject
    SqsClient sqs;

    @Inject
    BuildTrigger builds;

    @Inject
    ChangeLog log;

    @Test
    void aMessageSentWithAnySqsClientIsObservedWithinASecondAndDeleted() {
        String buildsUrl = sqs.getQueueUrl(b -> b.queueName("builds")).queueUrl();
        String modelsUrl = sqs.getQueueUrl(b -> b.queueName("models")).queueUrl();

        long sentAt = System.nanoTime();
        String build = sqs.sendMessage(b -> b.queueUrl(buildsUrl).messageBody("action build")).messageId();
        await().atMost(Duration.ofSeconds(5)).until(() -> !builds.triggered().isEmpty());
        Duration pickup = Duration.ofNanos(System.nanoTime() - sentAt);
        assertThat(pickup).isLessThan(Duration.ofSeconds(1));
        assertThat(builds.triggered()).extracting(Change::revision).containsExactly(build);

        String model = sqs.sendMessage(b -> b.queueUrl(modelsUrl).messageBody("{\"foo\":\"bar\",\"version\":2}"))
                .messageId();
        await().atMost(Duration.ofSeconds(5)).until(() -> log.recent().size() == 2);
        Change change = log.recent().get(0);
        assertThat(change.revision()).isEqualTo(model);
        assertThat(change.codebase()).isEqualTo("models");
        assertThat(change.properties()).containsEntry("foo", "bar").containsEntry("version", 2);
        assertThat(builds.triggered()).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> messagesOn(buildsUrl) + messagesOn(modelsUrl) == 0);
    }

    private int messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
