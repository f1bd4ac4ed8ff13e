package io.quarkiverse.sqschanges.it.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The packaged demo application, in a process of its own (the jar of target/quarkus-app, or the native executable
 * with {@code -Dnative}), against the ElasticMQ server of {@link ElasticMqResource}: messages sent with an SQS
 * client become the changes the demo lists at {@code GET /demo/changes} and are deleted; a line the demo's mapper
 * rejects stays on its queue until the redrive policy moves it; readiness and metrics are there.
 */
// tag::integration-test[]
@QuarkusIntegrationTest
@WithTestResource(ElasticMqResource.class) // <1>
class PackagedDemoIT {

    SqsClient sqs; // <2>

    @Test
    void messagesBecomeChangesAndAreDeleted() {
        String build = send("builds", "action build");
        String model = send("models", "{\"model\":\"resnet\",\"version\":3}");
        String command = send("commands", "action deploy");

        await().atMost(Duration.ofSeconds(30)).until(() -> observed(build) && observed(model) && observed(command));
        assertThat(change(build)).containsEntry("queue", "builds") // <3>
                .containsEntry("properties", Map.of("sqs_body", "action build"));
        assertThat(change(model)).containsEntry("codebase", "models")
                .extracting("properties").asInstanceOf(MAP).containsEntry("model", "resnet").containsEntry("version", 3);
        assertThat(change(command)).extracting("properties").asInstanceOf(MAP).containsEntry("action", "deploy");
        await().atMost(Duration.ofSeconds(10)) // <4>
                .until(() -> messagesOn("builds") + messagesOn("models") + messagesOn("commands") == 0);
    }

    String send(String queue, String body) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** @return the changes the demo observed, newest first, as {@code GET /demo/changes} lists them */
    static List<Map<String, Object>> changes() {
        return given().get("/demo/changes").then().statusCode(200).extract().jsonPath().getList("$");
    }

    static boolean observed(String messageId) {
        return changes().stream().anyMatch(change -> messageId.equals(change.get("revision")));
    }

    static Map<String, Object> change(String messageId) {
        return changes().stream().filter(change -> messageId.equals(change.get("revision"))).findFirst()
                .orElseThrow(() -> new AssertionError("no change of message " + messageId));
    }
    // end::integration-test[]

    @Test
    void aRejectedLineStaysOnItsQueueUntilTheRedrivePolicyMovesIt() {
        String rejected = send("commands", "deploy");
        String comment = send("commands", "# a comment");
        String after = send("commands", "action after");

        await().atMost(Duration.ofSeconds(30)).until(() -> observed(after));
        // the comment deleted without a change, the line after it handled and deleted; the rejected line kept
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOn("commands") == 1);
        // received again every 2 s (the demo's visibility-timeout for commands) until the third receive
        await().atMost(Duration.ofSeconds(30)).until(() -> idsOn("commands-dlq").contains(rejected));
        assertThat(messagesOn("commands")).isZero();
        assertThat(revisions()).doesNotContain(rejected, comment);
    }

    @Test
    void readinessAndMetricsCoverEveryQueue() {
        String model = send("models", "{\"model\":\"vit\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> observed(model));

        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SQS change sources' }.data.builds", startsWith("polling"))
                .body("checks.find { it.name == 'SQS change sources' }.data.models", startsWith("polling"))
                .body("checks.find { it.name == 'SQS change sources' }.data.commands", startsWith("polling"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sqs_changes_changes_fired_total{queue=\"models\"}"));
    }

    static List<Object> revisions() {
        return changes().stream().map(change -> change.get("revision")).toList();
    }

    /** @return the messages on a queue: waiting, received and not deleted yet, or delayed */
    int messagesOn(String queue) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** @return the ids of the messages on a queue, left visible there */
    List<String> idsOn(String queue) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages().stream().map(Message::messageId).toList();
    }
    // tag::integration-test[]
}
// end::integration-test[]
