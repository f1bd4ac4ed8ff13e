package io.quarkiverse.sqschanges.it;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.logging.Formatter;

import jakarta.inject.Inject;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The README's demo: messages sent through the HTTP endpoint come back as changes, one per queue shape, and logged
 * as the README shows; the README's mapper skips comments and keeps the lines it rejects.
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
        String build = curl("builds", "action build");

        awaitChanges(build);

        given().get("/demo/changes").then()
                .body("find { it.revision == '" + build + "' }.queue", equalTo("builds"))
                .body("find { it.revision == '" + build + "' }.properties.sqs_body", equalTo("action build"));
    }

    /** README, "Try the demo": its three curl lines make the log show its lines, with the message ids as revisions. */
    @Test
    void readmeCurlLinesLogTheReadmeLines() {
        try (LogLines log = new LogLines("io.quarkiverse.sqschanges.it")) {
            String build = curl("builds", "action build");
            String model = given().contentType(ContentType.JSON).body("{\"model\":\"resnet\",\"version\":3}")
                    .post("/demo/models").then().statusCode(200).extract().asString();
            String command = curl("commands", "action deploy");

            String changeLog = "INFO  [io.quarkiverse.sqschanges.it.ChangeLog] Change from queue ";
            List<String> readme = List.of(
                    "INFO  [io.quarkiverse.sqschanges.it.BuildTrigger] Build requested: action build",
                    changeLog + "'builds' (codebase builds, revision " + build + "): {sqs_body=action build}",
                    changeLog + "'models' (codebase models, revision " + model
                            + "): {sqs_body={\"model\":\"resnet\",\"version\":3}, model=resnet, version=3}",
                    changeLog + "'commands' (codebase commands, revision " + command
                            + "): {sqs_body=action deploy, action=deploy}");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(log.lines()).containsExactlyInAnyOrderElementsOf(readme));
        }
    }

    /** The guide: DemoTest and QuickStartTest have the same configuration, so one application and one server. */
    @Test
    void sharesTheDevServiceWithQuickStartTest() {
        SharedDevService.assertSameServerAs(DemoTest.class, QuickStartTest.class);
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

    /** README: {@code curl -X POST localhost:8080/demo/commands -d 'deploy'}, an ERROR naming queue and message id. */
    @Test
    void malformedLineMakesNoChangeAndStaysOnTheQueue() {
        String commands = queueUrl("commands");
        try (LogLines log = new LogLines("io.quarkiverse.sqschanges")) {
            String malformed = curl("commands", "deploy");
            String after = given().body("action after-malformed").post("/demo/commands").then().statusCode(200)
                    .extract().asString();

            awaitChanges(after);
            // the next line was handled and deleted; the rejected one is still there, visible or in flight
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesOn(commands) == 1);
            // received again and again, never deleted, until the Dev Service's redrive policy moves it (3 receives)
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds().contains(malformed));
            assertThat(messagesOn(commands)).isZero();
            assertThat(revisions()).doesNotContain(malformed);
            assertThat(log.lines()).filteredOn(line -> line.startsWith("ERROR ")).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(malformed, "queue 'commands'", "kept"));
        }
    }

    /** Sends a body as {@code curl -d} does: a form content type, no charset, the body as is. */
    private static String curl(String queue, String body) {
        return given()
                .config(RestAssured.config().encoderConfig(
                        encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(ContentType.URLENC).body(body)
                .post("/demo/" + queue).then().statusCode(200).extract().asString();
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
    private static int messagesOn(String queueUrl) {
        return EmbeddedSqs.devService().messagesOnQueue(queueUrl);
    }

    /** @return the ids of the messages in commands-dlq, left visible there */
    private List<String> deadLetterIds() {
        String deadLetters = queueUrl("commands-dlq");
        return sqs.receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).visibilityTimeout(0)
                .waitTimeSeconds(0)).messages().stream().map(Message::messageId).toList();
    }

    /**
     * The lines logged in a category and below while open, as the console shows them without timestamp and thread
     * (Quarkus's default console format, {@code %d ... %-5p [%c] (%t) %s%e%n}, less those).
     */
    private static final class LogLines implements AutoCloseable {

        private final Formatter format = new PatternFormatter("%-5p [%c] %s");
        private final LogCapture capture;

        LogLines(String category) {
            capture = LogCapture.of(category);
        }

        List<String> lines() {
            return capture.records().stream().map(format::format).toList();
        }

        @Override
        public void close() {
            capture.close();
        }
    }
}
