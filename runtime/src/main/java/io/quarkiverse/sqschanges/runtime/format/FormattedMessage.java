package io.quarkiverse.sqschanges.runtime.format;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;

/**
 * One change's worth of a message, as a format made it: the change, the unwrapped content, and its JSON object.
 *
 * @param change the change the format alone makes
 * @param content the unwrapped content
 * @param json the content's JSON object, or {@code null}
 */
public record FormattedMessage(Change change, String content, ObjectNode json) {
}
