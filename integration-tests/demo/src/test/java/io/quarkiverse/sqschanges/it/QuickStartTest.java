package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
class QuickStartTest {

    @Inject
    SqsClient sqs;

    @Inject
    BuildTrigger builds;

    @Inject
    ChangeLog log;

    @Test
    void aMessageSentWithAnySqsClientIsObservedAndDeleted() {
        String buildsUrl = sqs.getQueueUrl(b -> b.queueName("builds")).queueUrl();
        String modelsUrl = sqs.getQueueUrl(b -> b.queueName("models")).queueUrl();

        String build = sqs.sendMessage(b -> b.queueUrl(buildsUrl).messageBody("action build")).messageId();
        // right after startup, on a busy machine: the first receive may take a while
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                .until(() -> builds.triggered().stream().anyMatch(c -> c.revision().equals(build)));

        String model = sqs.sendMessage(b -> b.queueUrl(modelsUrl).messageBody("{\"foo\":\"bar\",\"version\":2}"))
                .messageId();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log.recent().stream().anyMatch(c -> c.revision().equals(model)));
        Change change = log.recent().stream().filter(c -> c.revision().equals(model)).findFirst().orElseThrow();
        assertThat(change.codebase()).isEqualTo("models");
        assertThat(change.properties()).containsEntry("foo", "bar").containsEntry("version", 2);
        assertThat(builds.triggered()).extracting(Change::revision).containsOnlyOnce(build).doesNotContain(model);

        await().atMost(Duration.ofSeconds(5)).until(() -> messagesOn(buildsUrl) + messagesOn(modelsUrl) == 0);
    }

    /** The guide: QuickStartTest and DemoTest have the same configuration, so one application and one server. */
    @Test
    void sharesTheDevServiceWithDemoTest() {
        SharedDevService.assertSameServerAs(QuickStartTest.class, DemoTest.class);
    }

    private static int messagesOn(String queueUrl) {
        return EmbeddedSqs.devService().messagesOnQueue(queueUrl);
    }
}
