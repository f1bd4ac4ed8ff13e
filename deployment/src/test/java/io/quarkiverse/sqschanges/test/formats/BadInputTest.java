package io.quarkiverse.sqschanges.test.formats;

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
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Hostile and odd bodies on a json queue: each is either rejected with an error or handled, never stops polling;
 * the good message sent after each one is observed. Each rejection is one ERROR naming queue and message; no body
 * reaches the log above DEBUG.
 */
class BadInputTest {

    /** In every body that can hold it; it must reach the log at DEBUG only. */
    static final String SECRET = "hostile-secret-c41d9e";
    static final String HANDLER_LOGGER = "io.quarkiverse.sqschanges.runtime.polling.BatchHandler";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.queue-name", "bad-input")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.hostile.invalid-message", "delete")
            .overrideConfigKey("quarkus.log.category.\"" + HANDLER_LOGGER + "\".level", "DEBUG")
            .setLogRecordPredicate(LogRecords.aboveDebugOrFrom(HANDLER_LOGGER))
            .assertLogRecords(records -> {
                List<String> rejectedIds = LogRecords.recall("bad-input-rejected");
                assertThat(rejectedIds).hasSize(7);
                for (String id : rejectedIds) {
                    // deleted after its first delivery: exactly one error
                    assertThat(LogRecords.errorsContaining(records, "Invalid message " + id, "queue 'hostile'"))
                            .as("ERROR records for rejected message %s", id).hasSize(1);
                }
                assertThat(LogRecords.aboveDebugContaining(records, SECRET)).as("records above DEBUG with a body")
                        .isEmpty();
                assertThat(LogRecords.debugContaining(records, SECRET)).as("DEBUG records with a body").isNotEmpty();
            });

    @Inject
    ReceivedChanges received;

    @Test
    void everyBadInputIsFollowedByAnObservedGoodMessage() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("bad-input");
        List<String> goodIds = new ArrayList<>();
        List<String> rejectedIds = new ArrayList<>();
        // the number, null and the blank body are too short to tell apart in a log; the others hold SECRET
        Map<String, String> rejected = Map.of(
                "malformed", "{\"" + SECRET + "\":",
                "array", "[1, 2, \"" + SECRET + "\"]",
                "string", "\"just a string " + SECRET + "\"",
                "number", "42",
                "null", "null",
                "nested 10,000 deep", "{\"" + SECRET + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "empty", " ");
        int n = 0;
        for (String body : rejected.values()) {
            rejectedIds.add(sqs.send(queueUrl, body));
            goodIds.add(sqs.send(queueUrl, "{\"good\":" + n++ + "}"));
        }
        LogRecords.remember("bad-input-rejected", rejectedIds);

        String big = "{\"big\":\"" + SECRET + "x".repeat(256 * 1024 - 10 - SECRET.length()) + "\"}";
        assertThat(big).hasSize(256 * 1024);
        String bigId = sqs.send(queueUrl, big);
        goodIds.add(sqs.send(queueUrl, "{\"good\":" + n++ + "}"));

        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            manyKeys.append(i == 0 ? "" : ",").append('"').append(i == 0 ? SECRET : Integer.toString(i, 36))
                    .append("\":0");
        }
        String manyKeysId = sqs.send(queueUrl, manyKeys.append('}').toString());
        goodIds.add(sqs.send(queueUrl, "{\"good\":" + n++ + "}"));

        // characters SQS allows, including a lone surrogate escaped in JSON and the replacement character
        String oddCharacters = "{\"text\":\"tab\\there \\ud800 \uFFFD \uD83D\uDE80 \u00e9\u4e2d\","
                + "\r\n\t\"cr\":\"\\r\\n\",\"" + SECRET + "\":1}";
        String oddId = sqs.send(queueUrl, oddCharacters);
        goodIds.add(sqs.send(queueUrl, "{\"good\":" + n++ + "}"));

        String attributesBody = "{\"attrs\":\"" + SECRET + "\"}";
        String attributesId = sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(attributesBody)
                .messageAttributes(Map.of(
                        "price", MessageAttributeValue.builder().dataType("Number.euro").stringValue("9.99").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary.gzip")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] { 0, 1, (byte) 255 })).build(),
                        "custom", MessageAttributeValue.builder().dataType("String.whatever").stringValue("v")
                                .build())))
                .messageId();
        goodIds.add(sqs.send(queueUrl, "{\"good\":" + n++ + "}"));

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

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    private List<String> revisions() {
        return received.all().stream().map(Change::revision).toList();
    }

    private Optional<Change> find(String id) {
        return received.all().stream().filter(c -> c.revision().equals(id)).findFirst();
    }
}
