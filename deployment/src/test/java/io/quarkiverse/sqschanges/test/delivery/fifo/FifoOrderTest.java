package io.quarkiverse.sqschanges.test.delivery.fifo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

class FifoOrderTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".queue-name", "ordered.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void orderIsKeptWithinEachMessageGroup() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("ordered.fifo");
        List<String> expectedA = new ArrayList<>();
        List<String> expectedB = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expectedA.add("a-" + i);
            sqs.sendFifo(queueUrl, "a-" + i, "group-a", "a-" + i);
            expectedB.add("b-" + i);
            sqs.sendFifo(queueUrl, "b-" + i, "group-b", "b-" + i);
        }

        List<Change> changes = received.await(50);

        Map<String, List<String>> bodiesByGroup = changes.stream().collect(Collectors.groupingBy(
                c -> c.message().messageGroupId().orElseThrow(),
                Collectors.mapping(c -> c.message().body(), Collectors.toList())));
        assertThat(bodiesByGroup.get("group-a")).containsExactlyElementsOf(expectedA);
        assertThat(bodiesByGroup.get("group-b")).containsExactlyElementsOf(expectedB);
        assertThat(changes).extracting(Change::queue).containsOnly("orders.fifo");
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }
}
