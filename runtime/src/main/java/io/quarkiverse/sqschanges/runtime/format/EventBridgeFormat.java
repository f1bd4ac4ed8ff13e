package io.quarkiverse.sqschanges.runtime.format;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * {@code eventbridge}: an EventBridge event; its {@code detail} object becomes the properties, and {@code id},
 * {@code time}, {@code detail-type} and {@code source} become the revision, time, category and project.
 */
final class EventBridgeFormat implements BodyFormat {

    private final JsonObjectParser parser;
    private final JsonSchemaCheck schema;

    EventBridgeFormat(JsonObjectParser parser, JsonSchemaCheck schema) {
        this.parser = parser;
        this.schema = schema;
    }

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException {
        ObjectNode event = parser.parseObject(message.body());
        JsonNode detail = event.path("detail");
        if (!event.path("detail-type").isTextual() || !event.path("source").isTextual() || !detail.isObject()) {
            throw new InvalidMessageException("the body is not an EventBridge event (it needs a \"source\", a"
                    + " \"detail-type\" and a \"detail\" object)");
        }
        ObjectNode detailObject = (ObjectNode) detail;
        schema.check(detailObject);
        defaults.category(event.path("detail-type").textValue()).project(event.path("source").textValue());
        EnvelopeFields.text(event, "id").ifPresent(defaults::revision);
        EnvelopeFields.time(event, "time").ifPresent(defaults::when);
        return List.of(new FormattedMessage(defaults.properties(JsonObjectParser.toMap(detailObject)).build(),
                detailObject.toString(), detailObject));
    }
}
