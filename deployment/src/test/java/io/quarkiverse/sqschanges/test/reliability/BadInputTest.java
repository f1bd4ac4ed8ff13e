package io.quarkiverse.sqschanges.test.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.EmbeddedSqs;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Hostile and odd bodies on a json queue: each is either rejected with an error or handled, never stops polling;
 * the good message sent after each one is observed.
 */
class BadInputTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("bad-input");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.invalid-message", "delete");

    @Inject
    ReceivedChanges received;

    @Test
    void everyBadInputIsFollowedByAnObservedGoodMessage() {
        List<String> goodIds = new ArrayList<>();
        List<String> rejectedIds = new ArrayList<>();
        Map<String, String> rejected = Map.of(
                "malformed", "{\"a\":",
                "array", "[1, 2, 3]",
                "string", "\"just a string\"",
                "number", "42",
                "null", "null",
                "nested 10,000 deep", "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "empty", " ");
        int n = 0;
        for (String body : rejected.values()) {
            rejectedIds.add(SQS.send(QUEUE_URL, body));
            goodIds.add(SQS.send(QUEUE_URL, "{\"good\":" + n++ + "}"));
        }

        String big = "{\"big\":\"" + "x".repeat(256 * 1024 - 10) + "\"}";
        assertThat(big).hasSize(256 * 1024);
        String bigId = SQS.send(QUEUE_URL, big);
        goodIds.add(SQS.send(QUEUE_URL, "{\"good\":" + n++ + "}"));

        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            manyKeys.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":0");
        }
        String manyKeysId = SQS.send(QUEUE_URL, manyKeys.append('}').toString());
        goodIds.add(SQS.send(QUEUE_URL, "{\"good\":" + n++ + "}"));

        // characters SQS allows, including a lone surrogate escaped in JSON and the replacement character
        String oddCharacters = "{\"text\":\"tab\\there \\ud800 \uFFFD \uD83D\uDE80 \u00e9\u4e2d\",\r\n\t\"cr\":\"\\r\\n\"}";
        String oddId = SQS.send(QUEUE_URL, oddCharacters);
        goodIds.add(SQS.send(QUEUE_URL, "{\"good\":" + n++ + "}"));

        String attributesId = SQS.client().sendMessage(b -> b.queueUrl(QUEUE_URL).messageBody("{\"attrs\":1}")
                .messageAttributes(Map.of(
                        "price", MessageAttributeValue.builder().dataType("Number.euro").stringValue("9.99").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary.gzip")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] { 0, 1, (byte) 255 })).build(),
                        "custom", MessageAttributeValue.builder().dataType("String.whatever").stringValue("v")
                                .build())))
                .messageId();
        goodIds.add(SQS.send(QUEUE_URL, "{\"good\":" + n++ + "}"));

        await().atMost(Duration.ofSeconds(60)).until(() -> revisions().containsAll(goodIds));
        assertThat(revisions()).doesNotContainAnyElementsOf(rejectedIds);

        assertThat(find(bigId).orElseThrow().properties().get("big").toString()).hasSize(256 * 1024 - 10);
        assertThat(find(manyKeysId).orElseThrow().properties()).hasSize(100_001);
        Change odd = find(oddId).orElseThrow();
        assertThat(odd.properties().get("text")).isEqualTo("tab\there \ud800 \uFFFD \uD83D\uDE80 \u00e9\u4e2d");
        assertThat(odd.message().body()).isEqualTo(oddCharacters);
        Change withAttributes = find(attributesId).orElseThrow();
        assertThat(withAttributes.message().messageAttributes()).containsOnlyKeys("price", "blob", "custom");
        assertThat(withAttributes.message().messageAttributes().get("price").stringValue()).isEqualTo("9.99");

        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
    }

    private List<String> revisions() {
        return received.all().stream().map(Change::revision).toList();
    }

    private Optional<Change> find(String id) {
        return received.all().stream().filter(c -> c.revision().equals(id)).findFirst();
    }
}
