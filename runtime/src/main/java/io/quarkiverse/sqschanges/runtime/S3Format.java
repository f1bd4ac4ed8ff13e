package io.quarkiverse.sqschanges.runtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * {@code s3}: an S3 event notification, directly or inside an SNS notification; one change per record. S3's test
 * event makes no change.
 */
final class S3Format implements BodyFormat {

    private final JsonObjectParser parser;

    S3Format(JsonObjectParser parser) {
        this.parser = parser;
    }

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException {
        ObjectNode notification = parser.parseObject(message.body());
        if (EnvelopeFields.isSnsEnvelope(notification)) {
            notification = parser.parseObject(notification.path("Message").textValue(), "the SNS message");
        }
        if ("s3:TestEvent".equals(notification.path("Event").textValue())) {
            return List.of();
        }
        JsonNode records = notification.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new InvalidMessageException("the body is not an S3 event notification (it has no \"Records\")");
        }
        Change base = defaults.build();
        List<FormattedMessage> changes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String bucket = EnvelopeFields.text(record, "s3", "bucket", "name").orElse(null);
            String rawKey = EnvelopeFields.text(record, "s3", "object", "key").orElse(null);
            if (bucket == null || rawKey == null || !record.isObject()) {
                throw new InvalidMessageException("record " + i + " of the S3 event notification has no"
                        + " s3.bucket.name or s3.object.key");
            }
            String key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
            JsonNode object = record.path("s3").path("object");
            Change.Builder change = base.toBuilder()
                    .repository(bucket)
                    .files(List.of(key))
                    .revision(EnvelopeFields.text(object, "versionId")
                            .or(() -> EnvelopeFields.text(object, "sequencer"))
                            .orElse(message.messageId() + "#" + i))
                    .property("s3_bucket", bucket)
                    .property("s3_key", key);
            EnvelopeFields.time(record, "eventTime").ifPresent(change::when);
            EnvelopeFields.text(record, "eventName").ifPresent(name -> change.category(name).property("s3_event", name));
            if (object.path("size").isNumber()) {
                change.property("s3_size", object.path("size").numberValue());
            }
            EnvelopeFields.text(object, "eTag").ifPresent(etag -> change.property("s3_etag", etag));
            EnvelopeFields.text(object, "versionId").ifPresent(version -> change.property("s3_version_id", version));
            EnvelopeFields.text(record, "awsRegion").ifPresent(region -> change.property("s3_region", region));
            changes.add(new FormattedMessage(change.build(), record.toString(), (ObjectNode) record));
        }
        return changes;
    }
}
