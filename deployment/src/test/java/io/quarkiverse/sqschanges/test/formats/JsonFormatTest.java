package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

class JsonFormatTest {

    /** In each invalid body; it must reach the log at DEBUG only. */
    static final String SECRET = "json-secret-5e21b7";
    static final String HANDLER_LOGGER = "io.quarkiverse.sqschanges.runtime.polling.BatchHandler";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.models.queue-name", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.log.category.\"" + HANDLER_LOGGER + "\".level", "DEBUG")
            .setLogRecordPredicate(LogRecords.aboveDebugOrFrom(HANDLER_LOGGER))
            .assertLogRecords(records -> {
                List<String> invalidIds = LogRecords.recall("json-invalid");
                assertThat(invalidIds).hasSize(3);
                for (String id : invalidIds) {
                    assertThat(LogRecords.errorsContaining(records, "Invalid message " + id, "queue 'models'"))
                            .as("ERROR records for invalid message %s", id).isNotEmpty();
                }
                assertThat(LogRecords.aboveDebugContaining(records, SECRET)).as("records above DEBUG with a body")
                        .isEmpty();
                assertThat(LogRecords.debugContaining(records, SECRET)).as("DEBUG records with a body").isNotEmpty();
            });

    @Inject
    ReceivedChanges received;

    @Test
    void topLevelFieldsBecomeTypedPropertiesAndInvalidBodiesStayOnTheQueue() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("json");
        String body = "{\"foo\":\"bar\",\"count\":3,\"big\":12345678901,\"huge\":123456789012345678901234567890,"
                + "\"ratio\":1.5,\"ok\":true,\"none\":null,\"nested\":{\"list\":[1,\"two\",false]}}";
        List<String> invalidIds = List.of(
                sqs.send(queueUrl, "{not json " + SECRET),
                sqs.send(queueUrl, "[1, 2, \"" + SECRET + "\"]"),
                sqs.send(queueUrl, "{\"a\":1} trailing " + SECRET));
        LogRecords.remember("json-invalid", invalidIds);
        String good = sqs.send(queueUrl, body);

        List<Change> changes = received.await(1);

        Change change = changes.get(0);
        assertThat(change.revision()).isEqualTo(good);
        assertThat(change.properties()).containsExactly(
                entry("sqs_body", body),
                entry("foo", "bar"),
                entry("count", 3),
                entry("big", 12345678901L),
                entry("huge", new BigInteger("123456789012345678901234567890")),
                entry("ratio", 1.5),
                entry("ok", true),
                entry("none", null),
                entry("nested", Map.of("list", List.of(1, "two", false))));
        assertThat(change.property("none")).isEmpty();
        assertThatThrownBy(() -> change.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) change.properties().get("nested");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        // the good message is deleted; the three invalid ones are kept, delivered again and again, never observed
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 3);
        String later = sqs.send(queueUrl, "{\"after\":\"invalid ones\"}");
        assertThat(received.await(2)).extracting(Change::revision).containsExactly(good, later);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> sqs.messagesOnQueue(queueUrl) == 3);
        assertThat(received.all()).hasSize(2);
    }
}
