package io.quarkiverse.sqschanges.runtime.format;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * {@code s3}: an S3 event notification, directly or inside an SNS notification, one change per record; or an S3
 * event delivered by EventBridge ({@code "source": "aws.s3"}), one change. S3's test event makes no change.
 */
final class S3Format implements BodyFormat {

    private static final String EVENTBRIDGE_SOURCE = "aws.s3";

    private final JsonObjectParser parser;

    S3Format(JsonObjectParser parser) {
        this.parser = parser;
    }

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException {
        ObjectNode notification = parser.parseObject(message.body());
        if (EnvelopeFields.isSnsEnvelope(notification)) {
            String type = notification.path("Type").textValue();
            if (!"Notification".equals(type)) {
                throw new InvalidMessageException(SnsFormat.notANotification(type));
            }
            notification = parser.parseObject(notification.path("Message").textValue(), "the SNS message");
        }
        if ("s3:TestEvent".equals(notification.path("Event").textValue())) {
            return List.of();
        }
        if (EVENTBRIDGE_SOURCE.equals(notification.path("source").textValue())
                && notification.path("detail").isObject()) {
            return List.of(fromEventBridge(defaults, notification));
        }
        JsonNode records = notification.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new InvalidMessageException("the body is not an S3 event notification (it has no \"Records\") nor"
                    + " an S3 event from EventBridge (\"source\": \"aws.s3\" with a \"detail\" object)");
        }
        Change base = defaults.build();
        List<FormattedMessage> changes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            changes.add(fromRecord(base.toBuilder(), records.get(i), i, message));
        }
        return changes;
    }

    private static FormattedMessage fromRecord(Change.Builder change, JsonNode record, int index, SqsMessage message)
            throws InvalidMessageException {
        String bucket = EnvelopeFields.text(record, "s3", "bucket", "name").orElse(null);
        String rawKey = EnvelopeFields.text(record, "s3", "object", "key").orElse(null);
        if (bucket == null || rawKey == null) {
            throw new InvalidMessageException("record " + index + " of the S3 event notification has no"
                    + " s3.bucket.name or s3.object.key");
        }
        String key = urlDecoded(rawKey, "record " + index + "'s s3.object.key");
        JsonNode object = record.path("s3").path("object");
        change.revision(EnvelopeFields.text(object, "versionId")
                .or(() -> EnvelopeFields.text(object, "sequencer"))
                .orElse(message.messageId() + "#" + index));
        objectFields(change, bucket, key, object, "eTag", "versionId");
        EnvelopeFields.time(record, "eventTime").ifPresent(change::when);
        EnvelopeFields.text(record, "eventName").ifPresent(name -> change.category(name).property("s3_event", name));
        EnvelopeFields.text(record, "awsRegion").ifPresent(region -> change.property("s3_region", region));
        return new FormattedMessage(change.build(), record.toString(), (ObjectNode) record);
    }

    /** An EventBridge S3 event: its {@code detail} names one object; its key is URL-encoded as in notifications. */
    private static FormattedMessage fromEventBridge(Change.Builder change, ObjectNode event)
            throws InvalidMessageException {
        ObjectNode detail = (ObjectNode) event.path("detail");
        String bucket = EnvelopeFields.text(detail, "bucket", "name").orElse(null);
        String rawKey = EnvelopeFields.text(detail, "object", "key").orElse(null);
        if (bucket == null || rawKey == null) {
            throw new InvalidMessageException("the EventBridge event from aws.s3 has no detail.bucket.name or"
                    + " detail.object.key; only S3 object events (such as Object Created) make changes");
        }
        String key = urlDecoded(rawKey, "the EventBridge event's detail.object.key");
        JsonNode object = detail.path("object");
        EnvelopeFields.text(object, "version-id")
                .or(() -> EnvelopeFields.text(object, "sequencer"))
                .or(() -> EnvelopeFields.text(event, "id"))
                .ifPresent(change::revision);
        objectFields(change, bucket, key, object, "etag", "version-id");
        EnvelopeFields.time(event, "time").ifPresent(change::when);
        EnvelopeFields.text(event, "detail-type").ifPresent(type -> change.category(type).property("s3_event", type));
        EnvelopeFields.text(event, "region").ifPresent(region -> change.property("s3_region", region));
        EnvelopeFields.text(detail, "reason").ifPresent(reason -> change.property("s3_reason", reason));
        EnvelopeFields.text(detail, "deletion-type").ifPresent(type -> change.property("s3_deletion_type", type));
        return new FormattedMessage(change.build(), detail.toString(), detail);
    }

    /** The fields both shapes share: bucket and object, under their own names for the ETag and version id. */
    private static void objectFields(Change.Builder change, String bucket, String key, JsonNode object,
            String etagField, String versionField) {
        change.repository(bucket)
                .files(List.of(key))
                .property("s3_bucket", bucket)
                .property("s3_key", key);
        if (object.path("size").isNumber()) {
            change.property("s3_size", object.path("size").numberValue());
        }
        EnvelopeFields.text(object, etagField).ifPresent(etag -> change.property("s3_etag", etag));
        EnvelopeFields.text(object, versionField).ifPresent(version -> change.property("s3_version_id", version));
    }

    /** S3 encodes keys as HTML forms do: {@code +} is a space, {@code %2B} a plus. */
    private static String urlDecoded(String key, String field) throws InvalidMessageException {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes the key: name the field only
            throw new InvalidMessageException(field + " is not URL-encoded: a '%' is not followed by two hexadecimal"
                    + " digits");
        }
    }
}
