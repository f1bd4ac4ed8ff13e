package io.quarkiverse.sqschanges.test.formats;

import static io.quarkiverse.sqschanges.test.formats.Samples.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.EmbeddedSqs;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The envelope formats against real-shaped payloads: SNS (envelope and raw delivery), S3 (direct, through SNS,
 * test event) and EventBridge; and what is not of the format is an invalid message.
 */
class FormatsTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String SNS_RAW_URL = SQS.createQueue("format-sns-raw");
    static final String SNS_JSON_URL = SQS.createQueue("format-sns-json");
    static final String S3_URL = SQS.createQueue("format-s3");
    static final String EVENTS_URL = SQS.createQueue("format-eventbridge");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, ReceivedChanges.class, Samples.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-raw.url", SNS_RAW_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-raw.format", "sns")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-raw.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-raw.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.url", SNS_JSON_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.format", "sns")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.sns.message-format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.s3.url", S3_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.s3.format", "s3")
            .overrideConfigKey("quarkus.sqs-changes.queues.s3.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.s3.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.url", EVENTS_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.events.format", "eventbridge")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.invalid-message", "delete");

    @Inject
    ReceivedChanges received;

    @Test
    void snsEnvelopeWithRawMessage() {
        String body = Samples.snsNotification(quoted("action build"), "Build requested");
        String id = SQS.send(SNS_RAW_URL, body);

        Change change = awaitOne("sns-raw", id);
        assertThat(change.revision()).isEqualTo("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        assertThat(change.repository()).isEqualTo("arn:aws:sns:us-west-2:123456789012:MyTopic");
        assertThat(change.when()).isEqualTo(Instant.parse("2012-05-02T00:54:06.655Z"));
        assertThat(change.category()).contains("Build requested");
        assertThat(change.properties()).containsEntry("sqs_body", body)
                .containsEntry("sns_message", "action build")
                .containsEntry("sns_subject", "Build requested")
                .containsEntry("sns_topic_arn", "arn:aws:sns:us-west-2:123456789012:MyTopic")
                .containsEntry("sns_message_attributes", Map.of("team", "ml", "priority", "2"));
    }

    @Test
    void snsRawMessageDeliveryIsDetected() {
        String id = SQS.client().sendMessage(b -> b.queueUrl(SNS_RAW_URL).messageBody("deploy now")
                .messageAttributes(Map.of("team", MessageAttributeValue.builder().dataType("String")
                        .stringValue("ops").build())))
                .messageId();

        Change change = awaitOne("sns-raw", id);
        assertThat(change.revision()).isEqualTo(id);
        assertThat(change.properties()).containsEntry("sns_message", "deploy now")
                .containsEntry("sns_message_attributes", Map.of("team", "ops"));
    }

    @Test
    void snsEnvelopeWithJsonMessageAndWhatIsNotANotification() {
        String confirmation = SQS.send(SNS_JSON_URL, Samples.SNS_SUBSCRIPTION_CONFIRMATION);
        String notJson = SQS.send(SNS_JSON_URL, Samples.snsNotification(quoted("not json"), null));
        String id = SQS.send(SNS_JSON_URL, Samples.snsNotification(quoted("{\"model\":\"resnet\",\"version\":3}"), null));

        Change change = awaitOne("sns-json", id);
        assertThat(change.properties()).containsEntry("model", "resnet").containsEntry("version", 3)
                .containsEntry("sns_message", "{\"model\":\"resnet\",\"version\":3}");
        assertThat(change.category()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(SNS_JSON_URL) == 0);
        assertThat(revisionsOf("sns-json")).hasSize(1);
        assertThat(messageIdsOf("sns-json")).doesNotContain(confirmation, notJson);
    }

    @Test
    void s3NotificationMakesOneChangePerRecord() {
        String body = Samples.s3Notification(
                Samples.s3Record("ObjectCreated:Put", "models/resnet+v3%2Bfinal.onnx", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", 1024),
                Samples.s3Record("ObjectRemoved:Delete", "models/old.onnx", null, 0));
        String id = SQS.send(S3_URL, body);

        await().atMost(Duration.ofSeconds(15)).until(() -> changesOf("s3").stream()
                .filter(c -> c.message().messageId().equals(id)).count() == 2);
        List<Change> changes = changesOf("s3").stream().filter(c -> c.message().messageId().equals(id)).toList();
        Change created = changes.get(0);
        assertThat(created.files()).containsExactly("models/resnet v3+final.onnx");
        assertThat(created.repository()).isEqualTo("ml-models");
        assertThat(created.revision()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(created.category()).contains("ObjectCreated:Put");
        assertThat(created.when()).isEqualTo(Instant.parse("2024-03-15T10:15:30.123Z"));
        assertThat(created.properties()).containsEntry("s3_bucket", "ml-models")
                .containsEntry("s3_key", "models/resnet v3+final.onnx").containsEntry("s3_size", 1024)
                .containsEntry("s3_etag", "d41d8cd98f00b204e9800998ecf8427e");
        Change removed = changes.get(1);
        assertThat(removed.revision()).isEqualTo("0055AED6DCD90281E5");
        assertThat(removed.category()).contains("ObjectRemoved:Delete");
    }

    @Test
    void s3ThroughSnsTestEventAndWhatIsNotS3() {
        String testEvent = SQS.send(S3_URL, Samples.S3_TEST_EVENT);
        String notS3 = SQS.send(S3_URL, "{\"hello\":\"world\"}");
        String viaSns = SQS.send(S3_URL, Samples.snsNotification(quoted(Samples.s3Notification(
                Samples.s3Record("ObjectCreated:Copy", "data/file.csv", null, 7))), "Amazon S3 Notification"));

        Change change = awaitOne("s3", viaSns);
        assertThat(change.files()).containsExactly("data/file.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(S3_URL) == 0);
        assertThat(messageIdsOf("s3")).doesNotContain(testEvent, notS3);
    }

    @Test
    void eventBridgeDetailBecomesTheProperties() {
        String notAnEvent = SQS.send(EVENTS_URL, "{\"detail\":{}}");
        String id = SQS.send(EVENTS_URL, Samples.EVENTBRIDGE_EVENT);

        Change change = awaitOne("events", id);
        assertThat(change.revision()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(change.category()).contains("EC2 Instance State-change Notification");
        assertThat(change.project()).isEqualTo("aws.ec2");
        assertThat(change.when()).isEqualTo(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(change.properties()).containsEntry("instance-id", "i-1234567890abcdef0")
                .containsEntry("state", "terminated").containsKey("sqs_body");
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(EVENTS_URL) == 0);
        assertThat(messageIdsOf("events")).doesNotContain(notAnEvent);
    }

    private Change awaitOne(String queue, String messageId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> messageIdsOf(queue).contains(messageId));
        return changesOf(queue).stream().filter(c -> c.message().messageId().equals(messageId)).findFirst()
                .orElseThrow();
    }

    private List<Change> changesOf(String queue) {
        return received.all().stream().filter(c -> c.queue().equals(queue)).toList();
    }

    private List<String> messageIdsOf(String queue) {
        return changesOf(queue).stream().map(c -> c.message().messageId()).toList();
    }

    private List<String> revisionsOf(String queue) {
        return changesOf(queue).stream().map(Change::revision).toList();
    }
}
