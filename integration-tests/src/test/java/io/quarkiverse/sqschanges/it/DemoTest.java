package io.quarkiverse.sqschanges.it;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The README's demo: messages sent through the HTTP endpoint come back as changes, one per queue shape, and the
 * README's mapper skips comments and keeps the lines it rejects.
 */
@QuarkusTest
class DemoTest {

    @Inject
    SqsClient sqs;

    @Test
    void rawJsonAndMappedMessagesBecomeChanges() {
        String command = given().body("action build").post("/demo/commands").then().statusCode(200)
                .extract().asString();
        String model = given().contentType(ContentType.JSON).body("{\"model\":\"resnet\",\"version\":3}")
                .post("/demo/models").then().statusCode(200).extract().asString();

        awaitChanges(command, model);

        given().get("/demo/changes").then()
                .body("find { it.revision == '" + command + "' }.queue", equalTo("commands"))
                .body("find { it.revision == '" + command + "' }.properties.action", equalTo("build"))
                .body("find { it.revision == '" + model + "' }.properties.model", equalTo("resnet"))
                .body("find { it.revision == '" + model + "' }.properties.version", equalTo(3));
    }

    /** {@code curl -X POST localhost:8080/demo/builds -d 'action build'}: a form content type, the body as is. */
    @Test
    void curlFormOfTheReadmeSendsTheBodyAsIs() {
        String build = given()
                .config(RestAssured.config().encoderConfig(
                        encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(ContentType.URLENC).body("action build")
                .post("/demo/builds").then().statusCode(200).extract().asString();

        awaitChanges(build);

        given().get("/demo/changes").then()
                .body("find { it.revision == '" + build + "' }.queue", equalTo("builds"))
                .body("find { it.revision == '" + build + "' }.properties.sqs_body", equalTo("action build"));
    }

    @Test
    void commentLineMakesNoChangeAndIsDeleted() {
        String commands = queueUrl("commands");
        String comment = given().body("# comment").post("/demo/commands").then().statusCode(200)
                .extract().asString();

        // deleted, not kept: kept, it would stay on the queue for three receives, then move to commands-dlq
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOn(commands) == 0);
        assertThat(deadLetterIds()).doesNotContain(comment);
        assertThat(revisions()).doesNotContain(comment);
    }

    @Test
    void malformedLineMakesNoChangeAndStaysOnTheQueue() {
        String commands = queueUrl("commands");
        String malformed = given().body("deploy").post("/demo/commands").then().statusCode(200)
                .extract().asString();
        String after = given().body("action after-malformed").post("/demo/commands").then().statusCode(200)
                .extract().asString();

        awaitChanges(after);
        // the next line was handled and deleted; the rejected one is still there, visible or in flight
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOn(commands) == 1);
        // received again and again, never deleted, until the Dev Service's redrive policy moves it (3 receives)
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds().contains(malformed));
        assertThat(messagesOn(commands)).isZero();
        assertThat(revisions()).doesNotContain(malformed);
    }

    private void awaitChanges(String... revisions) {
        await().atMost(Duration.ofSeconds(10)).until(() -> revisions().containsAll(List.of(revisions)));
    }

    private static List<String> revisions() {
        return given().get("/demo/changes").then().extract().jsonPath().getList("revision");
    }

    private String queueUrl(String name) {
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** @return the messages on a queue: visible, in flight (received, not deleted) or delayed */
    private int messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** @return the ids of the messages in commands-dlq, left visible there */
    private List<String> deadLetterIds() {
        String deadLetters = queueUrl("commands-dlq");
        return sqs.receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).visibilityTimeout(0)
                .waitTimeSeconds(0)).messages().stream().map(Message::messageId).toList();
    }
}
