package io.quarkiverse.sqschanges.test.formats;

import static io.quarkiverse.sqschanges.testkit.Samples.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.Samples;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The envelope formats against real-shaped payloads: SNS (envelope and raw delivery), S3 (direct, through SNS,
 * through EventBridge, test event) and EventBridge; mappers get the unwrapped content; what is not of the format
 * is an invalid message, kept on the queue by default.
 */
class FormatsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = queue(queue(queue(queue(queue(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, RecordMapper.class,
                    DetailMapper.class)),
            "sns-raw", "sns"), "sns-json", "sns"), "s3", "s3"), "s3-kept", "s3"), "events", "eventbridge")
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.sns.message-format", "json")
            // kept messages come back after 1 s and fail again, which proves that they were not deleted
            .overrideConfigKey("quarkus.sqs-changes.queues.sns-json.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.s3-kept.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.events.visibility-timeout", "1s");

    static QuarkusUnitTest queue(QuarkusUnitTest test, String queue, String format) {
        return test.overrideConfigKey("quarkus.sqs-changes.queues." + queue + ".queue-name", "formats-" + queue)
                .overrideConfigKey("quarkus.sqs-changes.queues." + queue + ".format", format)
                .overrideConfigKey("quarkus.sqs-changes.queues." + queue + ".wait-time", "1s");
    }

    @Inject
    ReceivedChanges received;

    @Inject
    ChangeSourceControl control;

    @Test
    void snsEnvelopeWithRawMessage() {
        String body = Samples.snsNotification(quoted("action build"), "Build requested");
        String id = sqs().send(url("sns-raw"), body);

        Change change = awaitOne("sns-raw", id);
        assertThat(change.revision()).isEqualTo("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        assertThat(change.repository()).isEqualTo("arn:aws:sns:us-west-2:123456789012:MyTopic");
        assertThat(change.when()).isEqualTo(Instant.parse("2012-05-02T00:54:06.655Z"));
        assertThat(change.category()).contains("Build requested");
        assertThat(change.properties()).containsEntry("sqs_body", body)
                .containsEntry("sns_message", "action build")
                .containsEntry("sns_subject", "Build requested")
                .containsEntry("sns_topic_arn", "arn:aws:sns:us-west-2:123456789012:MyTopic")
                .containsEntry("sns_message_id", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .containsEntry("sns_message_attributes", Map.of("team", "ml", "priority", "2"));
    }

    @Test
    void snsRawMessageDeliveryIsDetected() {
        String id = sqs().client().sendMessage(b -> b.queueUrl(url("sns-raw")).messageBody("deploy now")
                .messageAttributes(Map.of("team", MessageAttributeValue.builder().dataType("String")
                        .stringValue("ops").build())))
                .messageId();

        Change change = awaitOne("sns-raw", id);
        assertThat(change.revision()).isEqualTo(id);
        assertThat(change.properties()).containsEntry("sns_message", "deploy now")
                .containsEntry("sns_message_attributes", Map.of("team", "ops"))
                .doesNotContainKeys("sns_message_id", "sns_topic_arn");
    }

    @Test
    void snsEnvelopeWithJsonMessageAndWhatIsNotANotificationIsKept() {
        String queueUrl = url("sns-json");
        String confirmation = sqs().send(queueUrl, Samples.SNS_SUBSCRIPTION_CONFIRMATION);
        String unsubscribed = sqs().send(queueUrl, Samples.SNS_UNSUBSCRIBE_CONFIRMATION);
        String notJson = sqs().send(queueUrl, Samples.snsNotification(quoted("not json"), null));
        String id = sqs().send(queueUrl, Samples.snsNotification(quoted("{\"model\":\"resnet\",\"version\":3}"), null));

        Change change = awaitOne("sns-json", id);
        assertThat(change.properties()).containsEntry("model", "resnet").containsEntry("version", 3)
                .containsEntry("sns_message", "{\"model\":\"resnet\",\"version\":3}");
        assertThat(change.category()).isEmpty();
        assertInvalidKept("sns-json", 3, 1, 1);
        assertThat(messageIdsOf("sns-json")).containsExactly(id).doesNotContain(confirmation, unsubscribed, notJson);
    }

    @Test
    void s3NotificationMakesOneChangePerRecord() {
        String body = Samples.s3Notification(
                Samples.s3Created("ObjectCreated:Put", "models/resnet+v3%2Bfinal.onnx",
                        "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", 1024),
                Samples.s3Deleted("models/old.onnx", "0055AED6DCD90281E6"),
                Samples.s3RestoreCompleted("archive/2023.tar", 2048));
        String id = sqs().send(url("s3"), body);

        List<Change> changes = awaitChanges("s3", id, 3);
        Change created = changes.get(0);
        assertThat(created.files()).containsExactly("models/resnet v3+final.onnx");
        assertThat(created.repository()).isEqualTo("ml-models");
        assertThat(created.revision()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(created.category()).contains("ObjectCreated:Put");
        assertThat(created.when()).isEqualTo(Instant.parse("2024-03-15T10:15:30.123Z"));
        assertThat(created.properties()).containsEntry("s3_bucket", "ml-models")
                .containsEntry("s3_key", "models/resnet v3+final.onnx").containsEntry("s3_size", 1024)
                .containsEntry("s3_etag", "d41d8cd98f00b204e9800998ecf8427e")
                .containsEntry("s3_version_id", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")
                .containsEntry("s3_event", "ObjectCreated:Put").containsEntry("s3_region", "us-west-2")
                .containsEntry("sqs_body", body);
        // the mapper got the record itself, key still encoded
        assertThat(created.properties()).containsEntry("mapper_saw", "record")
                .containsEntry("mapper_raw_key", "models/resnet+v3%2Bfinal.onnx")
                .containsEntry("mapper_content_is_json", true);

        Change removed = changes.get(1);
        assertThat(removed.files()).containsExactly("models/old.onnx");
        assertThat(removed.revision()).isEqualTo("0055AED6DCD90281E6");
        assertThat(removed.category()).contains("ObjectRemoved:Delete");
        assertThat(removed.properties()).containsEntry("s3_event", "ObjectRemoved:Delete")
                .doesNotContainKeys("s3_size", "s3_etag", "s3_version_id");

        Change restored = changes.get(2);
        assertThat(restored.revision()).as("neither versionId nor sequencer").isEqualTo(id + "#2");
        assertThat(restored.category()).contains("ObjectRestore:Completed");
        assertThat(restored.properties()).containsEntry("s3_size", 2048).doesNotContainKey("s3_version_id");
    }

    @Test
    void s3EventsFromEventBridgeMakeAChangeEach() {
        String created = sqs().send(url("s3"), Samples.eventBridgeS3Created("models/resnet+v4%2Bfinal.onnx"));
        String deleted = sqs().send(url("s3"), Samples.EVENTBRIDGE_S3_DELETED);

        Change change = awaitOne("s3", created);
        assertThat(change.files()).containsExactly("models/resnet v4+final.onnx");
        assertThat(change.repository()).isEqualTo("ml-models");
        assertThat(change.revision()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
        assertThat(change.when()).isEqualTo(Instant.parse("2024-03-15T11:00:00Z"));
        assertThat(change.category()).contains("Object Created");
        assertThat(change.project()).isEmpty();
        assertThat(change.properties()).containsEntry("s3_bucket", "ml-models")
                .containsEntry("s3_key", "models/resnet v4+final.onnx").containsEntry("s3_size", 5)
                .containsEntry("s3_etag", "b1946ac92492d2347c6235b4d2611184")
                .containsEntry("s3_version_id", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e")
                .containsEntry("s3_event", "Object Created").containsEntry("s3_region", "eu-west-1")
                .containsEntry("s3_reason", "PutObject").doesNotContainKey("s3_deletion_type");
        assertThat(change.properties()).containsEntry("mapper_saw", "detail")
                .containsEntry("mapper_raw_key", "models/resnet+v4%2Bfinal.onnx")
                .containsEntry("mapper_content_is_json", true);

        Change removed = awaitOne("s3", deleted);
        assertThat(removed.files()).containsExactly("models/old.onnx");
        assertThat(removed.revision()).isEqualTo("617f0837b476e463");
        assertThat(removed.category()).contains("Object Deleted");
        assertThat(removed.properties()).containsEntry("s3_reason", "DeleteObject")
                .containsEntry("s3_deletion_type", "Permanently Deleted")
                .containsEntry("s3_etag", "d41d8cd98f00b204e9800998ecf8427e")
                .doesNotContainKeys("s3_size", "s3_version_id");
    }

    @Test
    void s3TestEventIsDeletedWithoutAChangeAndWhatIsNotS3IsKept() {
        String queueUrl = url("s3-kept");
        String testEvent = sqs().send(queueUrl, Samples.S3_TEST_EVENT);
        String notS3 = sqs().send(queueUrl, "{\"hello\":\"world\"}");
        String badEscape = sqs().send(queueUrl, Samples.s3Notification(
                Samples.s3Created("ObjectCreated:Put", "reports/100%zz.csv", null, 3)));
        String badEventBridgeKey = sqs().send(queueUrl, Samples.eventBridgeS3Created("reports/50%"));
        String viaSns = sqs().send(queueUrl, Samples.snsNotification(quoted(Samples.s3Notification(
                Samples.s3Created("ObjectCreated:Copy", "data/file.csv", null, 7))), "Amazon S3 Notification"));
        String later = sqs().send(queueUrl, Samples.s3Notification(Samples.s3Deleted("data/file.csv", "00AB")));

        assertThat(awaitOne("s3-kept", viaSns).files()).containsExactly("data/file.csv");
        assertThat(awaitOne("s3-kept", later).revision()).isEqualTo("00AB");
        assertInvalidKept("s3-kept", 3, 3, 2);
        assertThat(messageIdsOf("s3-kept")).doesNotContain(testEvent, notS3, badEscape, badEventBridgeKey);
    }

    @Test
    void eventBridgeDetailBecomesThePropertiesAndWhatIsNotAnEventIsKept() {
        String notAnEvent = sqs().send(url("events"), "{\"detail\":{}}");
        String id = sqs().send(url("events"), Samples.EVENTBRIDGE_EVENT);

        Change change = awaitOne("events", id);
        assertThat(change.revision()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(change.category()).contains("EC2 Instance State-change Notification");
        assertThat(change.project()).isEqualTo("aws.ec2");
        assertThat(change.when()).isEqualTo(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(change.properties()).containsEntry("instance-id", "i-1234567890abcdef0")
                .containsEntry("state", "terminated").containsEntry("sqs_body", Samples.EVENTBRIDGE_EVENT);
        // the mapper got the detail, not the event around it
        assertThat(change.properties()).containsEntry("mapper_instance", "i-1234567890abcdef0")
                .containsEntry("mapper_saw_envelope", false)
                .containsEntry("mapper_content", "{\"instance-id\":\"i-1234567890abcdef0\",\"state\":\"terminated\"}");
        assertInvalidKept("events", 1, 1, 1);
        assertThat(messageIdsOf("events")).containsExactly(id).doesNotContain(notAnEvent);
    }

    /**
     * Waits until every invalid message has failed at least twice (so SQS delivered it again: it was kept) and the
     * others are deleted; then the invalid ones, and only they, are still on the queue.
     */
    private void assertInvalidKept(String queue, int invalid, int deleted, int fired) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            QueueStatus status = control.status(queue);
            return status.failed() >= 2L * invalid && status.deleted() == deleted;
        });
        QueueStatus status = control.status(queue);
        assertThat(status.changesFired()).isEqualTo(fired);
        assertThat(sqs().messagesOnQueue(url(queue))).isEqualTo(invalid);
    }

    private Change awaitOne(String queue, String messageId) {
        return awaitChanges(queue, messageId, 1).get(0);
    }

    private List<Change> awaitChanges(String queue, String messageId, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> changesOf(queue, messageId).size() >= count);
        List<Change> changes = changesOf(queue, messageId);
        assertThat(changes).hasSize(count);
        return changes;
    }

    private List<Change> changesOf(String queue, String messageId) {
        return received.all().stream().filter(c -> c.queue().equals(queue))
                .filter(c -> c.message().messageId().equals(messageId)).toList();
    }

    private List<String> messageIdsOf(String queue) {
        return received.all().stream().filter(c -> c.queue().equals(queue)).map(c -> c.message().messageId())
                .toList();
    }

    private static EmbeddedSqs sqs() {
        return EmbeddedSqs.devService();
    }

    private static String url(String queue) {
        return sqs().queueUrl("formats-" + queue);
    }

    /** Tells, through properties, what an s3 queue's mapper got: a notification record or an EventBridge detail. */
    @ChangeMapper("s3")
    public static class RecordMapper implements MessageMapper {

        @Override
        public Map<String, ?> properties(MappedMessage message) {
            ObjectNode json = message.json().orElseThrow();
            boolean record = json.has("s3");
            return Map.of("mapper_saw", record ? "record" : json.has("bucket") ? "detail" : "other",
                    "mapper_raw_key", (record ? json.path("s3") : json).path("object").path("key").asText(),
                    "mapper_content_is_json", message.content().equals(json.toString()));
        }
    }

    /** Tells what an eventbridge queue's mapper got. */
    @ChangeMapper("events")
    public static class DetailMapper implements MessageMapper {

        @Override
        public Map<String, ?> properties(MappedMessage message) {
            ObjectNode json = message.json().orElseThrow();
            return Map.of("mapper_instance", json.path("instance-id").asText(),
                    "mapper_saw_envelope", json.has("detail-type") || json.has("detail"),
                    "mapper_content", message.content());
        }
    }
}
