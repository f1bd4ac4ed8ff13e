package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A body breaks a schema that allows no other properties with a property whose name holds a line break and a
 * secret: the error names the schema, the rule and the count, but no text of the body, so the name can neither
 * forge a log line nor leak; the violation's details reach the log at DEBUG only, as bodies do.
 */
class JsonSchemaLogTest {

    /** In the body's own property name; it must reach the log at DEBUG only. */
    static final String SECRET = "schema-secret-9c41d0";
    static final String FORGED_KEY = "x\n2026-01-01 00:00:00,000 ERROR [forged] " + SECRET;
    static final String HANDLER_LOGGER = "io.quarkiverse.sqschanges.runtime.polling.BatchHandler";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class).addAsResource("schemas/strict-model.json"))
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.queue-name", "schema-strict")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.json-schema", "schemas/strict-model.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.wait-time", "1s")
            .overrideConfigKey("quarkus.log.category.\"" + HANDLER_LOGGER + "\".level", "DEBUG")
            .setLogRecordPredicate(LogRecords.aboveDebugOrFrom(HANDLER_LOGGER))
            .assertLogRecords(records -> {
                List<String> ids = LogRecords.recall("schema-strict-invalid");
                assertThat(ids).hasSize(1);
                assertThat(LogRecords.errorsContaining(records, "Invalid message " + ids.get(0), "queue 'strict'",
                        "schemas/strict-model.json", "1 error(s)", "additionalProperties"))
                        .as("ERROR records for the invalid message").hasSize(1);
                assertThat(LogRecords.aboveDebugContaining(records, SECRET)).as("records above DEBUG with body text")
                        .isEmpty();
                assertThat(LogRecords.aboveDebugContaining(records, "[forged]")).as("forged records").isEmpty();
                assertThat(LogRecords.debugContaining(records, SECRET)).as("DEBUG records with the details")
                        .isNotEmpty();
            });

    @Inject
    ReceivedChanges received;

    @Inject
    ChangeSourceControl control;

    @Test
    void theErrorQuotesNothingOfTheBody() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("schema-strict");
        String body = "{\"model\":\"resnet\",\"version\":3,\"" + FORGED_KEY.replace("\n", "\\n") + "\":1}";
        String invalid = sqs.send(queueUrl, body);
        LogRecords.remember("schema-strict-invalid", List.of(invalid));
        String good = sqs.send(queueUrl, "{\"model\":\"resnet\",\"version\":3}");

        await().atMost(Duration.ofSeconds(15)).until(() -> control.status("strict").failed() >= 1
                && received.all().stream().anyMatch(c -> c.revision().equals(good)));
        assertThat(received.all()).extracting(Change::revision).containsExactly(good);
        // kept (invalid-message=keep): hidden for its visibility timeout, still on the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 1);
    }
}
