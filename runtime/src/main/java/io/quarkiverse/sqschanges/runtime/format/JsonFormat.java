package io.quarkiverse.sqschanges.runtime.format;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/** {@code json}: the body must be a JSON object; its top-level fields become properties. */
final class JsonFormat implements BodyFormat {

    private final JsonObjectParser parser;
    private final JsonSchemaCheck schema;

    JsonFormat(JsonObjectParser parser, JsonSchemaCheck schema) {
        this.parser = parser;
        this.schema = schema;
    }

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException {
        ObjectNode json = parser.parseObject(message.body());
        schema.check(json);
        return List.of(new FormattedMessage(defaults.properties(JsonObjectParser.toMap(json)).build(), message.body(),
                json));
    }
}
