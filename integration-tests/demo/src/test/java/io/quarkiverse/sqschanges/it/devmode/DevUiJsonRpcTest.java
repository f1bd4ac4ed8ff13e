package io.quarkiverse.sqschanges.it.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.sqschanges.it.CommandMapper;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's JSON-RPC methods, called as the card's pages call them: queue rows, test messages, recent changes,
 * pause, resume and poll-now, and the answers to refused actions.
 */
class DevUiJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest app = DevUiApp.create();

    DevUiJsonRpc devUi;

    /** QuarkusDevModeTest starts the application for each test method. */
    @BeforeEach
    void connect() {
        devUi = DevUiJsonRpc.connect("quarkus-sqs-changes");
    }

    @AfterEach
    void disconnect() {
        devUi.close();
    }

    @Test
    void queuesShowTheirSettingsAndRefusedActionsSayWhy() {
        JsonNode queues = devUi.call("getQueues");
        assertThat(names(queues)).containsExactly("commands", "models", "parked");
        JsonNode commands = queues.get(0);
        assertThat(commands.get("mapper").asText()).isEqualTo(CommandMapper.class.getName());
        assertThat(commands.get("format").asText()).isEqualTo("raw");
        assertThat(commands.get("state").asText()).isIn("POLLING", "FAILING");
        assertThat(queues.get(1).get("codebase").asText()).isEqualTo("ml");
        assertThat(queues.get(1).get("format").asText()).isEqualTo("json");
        assertThat(queues.get(2).get("state").asText()).isEqualTo("DISABLED");
        assertThat(devUi.call("queueCount").asInt()).isEqualTo(3);

        JsonNode unknown = devUi.call("pause", Map.of("queue", "nope"));
        assertThat(unknown.get("success").asBoolean()).isFalse();
        assertThat(unknown.get("message").asText()).contains("No queue named 'nope'").contains("commands");

        JsonNode disabled = devUi.call("sendMessage", Map.of("queue", "parked", "body", "x"));
        assertThat(disabled.get("success").asBoolean()).isFalse();
        assertThat(disabled.get("message").asText()).contains("quarkus.sqs-changes.queues.parked.enabled=false");
    }

    @Test
    void testMessagesBecomeRecentChangesAndPausedQueuesWait() throws InterruptedException {
        JsonNode sent = devUi.call("sendMessage", Map.of("queue", "models", "body", "{\"model\":\"m-7\"}"));
        assertThat(sent.get("success").asBoolean()).as(sent.toString()).isTrue();
        assertThat(sent.get("message").asText()).startsWith("Sent message ");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode changes = devUi.call("getRecentChanges");
            assertThat(changes.toString()).contains("\"model\":\"m-7\"");
            JsonNode newest = changes.get(0);
            assertThat(newest.get("queue").asText()).isEqualTo("models");
            assertThat(newest.get("codebase").asText()).isEqualTo("ml");
            assertThat(newest.get("properties").get("model").asText()).isEqualTo("m-7");
        });
        // codebase ml gathers change sets, quiet for 5 s: the message waits in an open set, then it is deleted
        JsonNode sets = devUi.call("getChangeSets");
        assertThat(sets).as(sets.toString()).hasSize(1);
        assertThat(sets.get(0).get("codebase").asText()).isEqualTo("ml");
        assertThat(sets.get(0).get("changes").asInt()).isEqualTo(1);
        assertThat(devUi.call("changeSetCount").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(devUi.call("getQueues").get(1).get("deleted").asLong()).isPositive());
        assertThat(devUi.call("getChangeSets")).isEmpty();

        JsonNode paused = devUi.call("pause", Map.of("queue", "commands"));
        assertThat(paused.get("success").asBoolean()).isTrue();
        assertThat(paused.get("queue").get("state").asText()).isEqualTo("PAUSED");

        JsonNode refused = devUi.call("pollNow", Map.of("queue", "commands"));
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("message").asText()).contains("paused");

        // sent to SQS directly, with a delay: the receive that was waiting when the queue was paused (a pause does
        // not abort it; wait-time 1s) is over before the message is visible, so that it cannot take it
        String commandsUrl = devUi.call("getQueues").get(0).get("url").asText();
        URI commandsUri = URI.create(commandsUrl);
        try (EmbeddedSqs sqs = EmbeddedSqs.at(commandsUri.getScheme() + "://" + commandsUri.getRawAuthority())) {
            sqs.client().sendMessage(b -> b.queueUrl(commandsUrl).messageBody("action paused-build").delaySeconds(3));
        }
        Thread.sleep(5500); // visible for 2.5 s, more than a long poll: a polling queue would have fired the change
        assertThat(devUi.call("getRecentChanges").toString()).doesNotContain("paused-build");

        JsonNode resumed = devUi.call("resume", Map.of("queue", "commands"));
        assertThat(resumed.get("queue").get("state").asText()).isIn("POLLING", "FAILING");
        assertThat(devUi.call("pollNow", Map.of("queue", "commands")).get("success").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(devUi.call("getRecentChanges").toString()).contains("paused-build"));
    }

    private static List<String> names(JsonNode queues) {
        List<String> names = new ArrayList<>();
        queues.forEach(queue -> names.add(queue.get("name").asText()));
        return names;
    }
}
