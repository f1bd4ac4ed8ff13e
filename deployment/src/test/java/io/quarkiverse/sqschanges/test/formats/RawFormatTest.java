package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

class RawFormatTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.queue-name", "raw")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void eachMessageBecomesOneChangeWithTheBodyAndIsThenDeleted() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("raw");
        String first = sqs.send(queueUrl, "action build");
        String second = sqs.send(queueUrl, "  not json, {kept as is} ");

        List<Change> changes = received.await(2);

        assertThat(changes).extracting(Change::revision).containsExactlyInAnyOrder(first, second);
        Change change = changes.stream().filter(c -> c.revision().equals(first)).findFirst().orElseThrow();
        assertThat(change.properties()).containsExactly(entry("sqs_body", "action build"));
        assertThat(change.queue()).isEqualTo("builds");
        assertThat(change.codebase()).isEqualTo("builds");
        assertThat(change.repository()).isEqualTo(queueUrl);
        assertThat(change.author()).isEqualTo("sqs");
        assertThat(change.comments()).isEqualTo("sqs");
        assertThat(change.branch()).isEmpty();
        assertThat(change.project()).isEmpty();
        assertThat(change.category()).isEmpty();
        assertThat(change.revlink()).isEmpty();
        assertThat(change.files()).isEmpty();
        assertThat(change.message().attributes()).containsKey("SentTimestamp");
        assertThat(change.when()).isEqualTo(
                Instant.ofEpochMilli(Long.parseLong(change.message().attributes().get("SentTimestamp"))));
        assertThat(change.message().messageId()).isEqualTo(first);
        assertThat(change.message().body()).isEqualTo("action build");
        assertThat(change.message().receiveCount()).isEqualTo(1);
        assertThat(changes).filteredOn(c -> c.revision().equals(second))
                .extracting(c -> c.properties().get("sqs_body")).containsExactly("  not json, {kept as is} ");

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(received.all()).hasSize(2);
    }
}
