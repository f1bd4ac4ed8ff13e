package io.quarkiverse.sqschanges.test.formats;

import static io.quarkiverse.sqschanges.testkit.Samples.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.Samples;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A JSON Schema guards a json queue and the unwrapped SNS messages of another, whose mapper gets the unwrapped
 * content; messages that break it are invalid, and kept by default.
 */
class JsonSchemaTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, ModelMapper.class)
                    .addAsResource("schemas/model.json"))
            .overrideConfigKey("quarkus.sqs-changes.queues.models.queue-name", "schema-json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.json-schema", "schemas/model.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.wait-time", "1s")
            // kept messages come back after 1 s and fail again, which proves that they were not deleted
            .overrideConfigKey("quarkus.sqs-changes.queues.models.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.queue-name", "schema-sns")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.format", "sns")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.sns.message-format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.json-schema", "/schemas/model.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.visibility-timeout", "1s");

    @Inject
    ReceivedChanges received;

    @Inject
    ChangeSourceControl control;

    @Test
    void messagesThatBreakTheSchemaAreInvalidAndKept() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("schema-json");
        String missingVersion = sqs.send(queueUrl, "{\"model\":\"resnet\"}");
        String wrongType = sqs.send(queueUrl, "{\"model\":\"resnet\",\"version\":\"three\"}");
        String good = sqs.send(queueUrl, "{\"model\":\"resnet\",\"version\":3}");

        await().atMost(Duration.ofSeconds(15)).until(() -> ids().contains(good));
        assertInvalidKept("models", queueUrl, 2);
        assertThat(ids()).doesNotContain(missingVersion, wrongType);
    }

    @Test
    void theMapperOfAnSnsQueueGetsTheCheckedInnerMessage() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("schema-sns");
        String bad = sqs.send(queueUrl, Samples.snsNotification(quoted("{\"model\":\"\",\"version\":0}"), null));
        String good = sqs.send(queueUrl, Samples.snsNotification(quoted("{\"model\":\"vit\",\"version\":2}"), "new"));

        await().atMost(Duration.ofSeconds(15)).until(() -> ids().contains(good));
        Change change = received.all().stream().filter(c -> c.message().messageId().equals(good)).findFirst()
                .orElseThrow();
        assertThat(change.properties()).containsEntry("mapped_model", "vit").containsEntry("content_is_inner", true);
        assertThat(change.category()).contains("new");
        assertInvalidKept("sns-models", queueUrl, 1);
        assertThat(ids()).doesNotContain(bad);
    }

    /** Each invalid message fails at least twice (SQS delivered it again: it was kept); the good one is deleted. */
    private void assertInvalidKept(String queue, String queueUrl, int invalid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            QueueStatus status = control.status(queue);
            return status.failed() >= 2L * invalid && status.deleted() == 1;
        });
        assertThat(EmbeddedSqs.devService().messagesOnQueue(queueUrl)).isEqualTo(invalid);
    }

    private java.util.List<String> ids() {
        return received.all().stream().map(c -> c.message().messageId()).toList();
    }

    @ChangeMapper("sns-models")
    public static class ModelMapper implements MessageMapper {

        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of("mapped_model", message.json().map(json -> json.path("model").asText()).orElse("?"),
                    "content_is_inner", message.content().startsWith("{\"model\""));
        }
    }

}
