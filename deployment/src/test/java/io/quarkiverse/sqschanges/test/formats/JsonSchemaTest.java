package io.quarkiverse.sqschanges.test.formats;

import static io.quarkiverse.sqschanges.test.formats.Samples.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.test.EmbeddedSqs;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A JSON Schema guards a json queue and the unwrapped SNS messages of another, whose mapper gets the unwrapped
 * content.
 */
class JsonSchemaTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String JSON_URL = SQS.createQueue("schema-json");
    static final String SNS_URL = SQS.createQueue("schema-sns");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, ReceivedChanges.class, Samples.class,
                    ModelMapper.class).addAsResource("schemas/model.json")))
            .overrideConfigKey("quarkus.sqs-changes.queues.models.url", JSON_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.models.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.json-schema", "schemas/model.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.url", SNS_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.format", "sns")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.sns.message-format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.json-schema", "/schemas/model.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-models.invalid-message", "delete");

    @Inject
    ReceivedChanges received;

    @Test
    void messagesThatBreakTheSchemaAreInvalid() {
        String missingVersion = SQS.send(JSON_URL, "{\"model\":\"resnet\"}");
        String wrongType = SQS.send(JSON_URL, "{\"model\":\"resnet\",\"version\":\"three\"}");
        String good = SQS.send(JSON_URL, "{\"model\":\"resnet\",\"version\":3}");

        await().atMost(Duration.ofSeconds(15)).until(() -> ids().contains(good));
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(JSON_URL) == 0);
        assertThat(ids()).doesNotContain(missingVersion, wrongType);
    }

    @Test
    void theMapperOfAnSnsQueueGetsTheCheckedInnerMessage() {
        String bad = SQS.send(SNS_URL, Samples.snsNotification(quoted("{\"model\":\"\",\"version\":0}"), null));
        String good = SQS.send(SNS_URL, Samples.snsNotification(quoted("{\"model\":\"vit\",\"version\":2}"), "new"));

        await().atMost(Duration.ofSeconds(15)).until(() -> ids().contains(good));
        Change change = received.all().stream().filter(c -> c.message().messageId().equals(good)).findFirst()
                .orElseThrow();
        assertThat(change.properties()).containsEntry("mapped_model", "vit").containsEntry("content_is_inner", true);
        assertThat(change.category()).contains("new");
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(SNS_URL) == 0);
        assertThat(ids()).doesNotContain(bad);
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
