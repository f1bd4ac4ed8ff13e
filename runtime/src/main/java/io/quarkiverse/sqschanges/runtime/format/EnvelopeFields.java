package io.quarkiverse.sqschanges.runtime.format;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of AWS event envelopes leniently: a missing or odd field is absent, never an exception.
 */
final class EnvelopeFields {

    private EnvelopeFields() {
    }

    /** @return the text of {@code json.path(path...)}, if it is a JSON string */
    static Optional<String> text(JsonNode json, String... path) {
        JsonNode node = json;
        for (String name : path) {
            node = node.path(name);
        }
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** @return the instant an ISO-8601 time field holds, if it is one */
    static Optional<Instant> time(JsonNode json, String... path) {
        return text(json, path).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** @return whether the object looks like an SNS notification envelope */
    static boolean isSnsEnvelope(JsonNode json) {
        return json.path("Type").isTextual() && json.path("TopicArn").isTextual() && json.path("Message").isTextual();
    }
}
