package io.quarkiverse.sqschanges.runtime.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@code sns}: unwraps an SNS notification envelope; its {@code Message} is then raw text or a JSON object
 * ({@code sns.message-format}). A body that is no envelope is taken as SNS raw message delivery: the body is the
 * message and the SNS message attributes are the SQS ones.
 */
final class SnsFormat implements BodyFormat {

    private final JsonObjectParser parser;
    private final boolean jsonMessage;
    private final JsonSchemaCheck schema;

    SnsFormat(JsonObjectParser parser, boolean jsonMessage, JsonSchemaCheck schema) {
        this.parser = parser;
        this.jsonMessage = jsonMessage;
        this.schema = schema;
    }

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException {
        ObjectNode envelope = envelopeOf(message.body());
        Map<String, Object> properties = new LinkedHashMap<>();
        String inner;
        if (envelope != null) {
            String type = envelope.path("Type").textValue();
            if (!type.equals("Notification")) {
                throw new InvalidMessageException(notANotification(type));
            }
            inner = envelope.path("Message").textValue();
            String topicArn = envelope.path("TopicArn").textValue();
            defaults.repository(topicArn);
            EnvelopeFields.text(envelope, "MessageId").ifPresent(defaults::revision);
            EnvelopeFields.time(envelope, "Timestamp").ifPresent(defaults::when);
            EnvelopeFields.text(envelope, "Subject").ifPresent(defaults::category);
            properties.put("sns_topic_arn", topicArn);
            EnvelopeFields.text(envelope, "MessageId").ifPresent(id -> properties.put("sns_message_id", id));
            EnvelopeFields.text(envelope, "Subject").ifPresent(subject -> properties.put("sns_subject", subject));
            properties.put("sns_message_attributes", envelopeAttributes(envelope.path("MessageAttributes")));
        } else {
            inner = message.body();
            properties.put("sns_message_attributes", sqsAttributes(message.messageAttributes()));
        }
        properties.put("sns_message", inner);
        ObjectNode json = null;
        if (jsonMessage) {
            json = parser.parseObject(inner, "the SNS message");
            schema.check(json);
            properties.putAll(JsonObjectParser.toMap(json));
        }
        return List.of(new FormattedMessage(defaults.properties(properties).build(), inner, json));
    }

    /** Names the type only if it is one of SNS's: any other text is the sender's, not to be logged. */
    static String notANotification(String type) {
        switch (type) {
            case "SubscriptionConfirmation":
                return "the body is an SNS SubscriptionConfirmation message, not a Notification; confirm the"
                        + " subscription with its SubscribeURL";
            case "UnsubscribeConfirmation":
                return "the body is an SNS UnsubscribeConfirmation message, not a Notification";
            default:
                return "the body is not an SNS notification (its \"Type\" is not Notification)";
        }
    }

    /** @return the envelope, or {@code null} if the body is not one (SNS raw message delivery) */
    private ObjectNode envelopeOf(String body) {
        String trimmed = body.stripLeading();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            ObjectNode object = parser.parseObject(body);
            return EnvelopeFields.isSnsEnvelope(object) ? object : null;
        } catch (InvalidMessageException e) {
            return null;
        }
    }

    private static Map<String, String> envelopeAttributes(JsonNode attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().path("Value").asText()));
        return values;
    }

    private static Map<String, String> sqsAttributes(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value.stringValue() != null) {
                values.put(name, value.stringValue());
            }
        });
        return values;
    }
}
