package io.quarkiverse.sqschanges.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * Makes the {@link Change} of a message according to its queue's {@code format}.
 */
final class ChangeFactory {

    private final JsonObjectParser jsonParser;

    ChangeFactory(JsonObjectParser jsonParser) {
        this.jsonParser = jsonParser;
    }

    /**
     * @throws InvalidMessageException if the message does not fit the queue's format
     */
    Change toChange(QueueSettings queue, String queueUrl, SqsMessage message) throws InvalidMessageException {
        Change.Builder change = Change.builder(queue.name(), queueUrl, queue.codebase(), message)
                .property(Change.BODY_PROPERTY, message.body());
        if (queue.format() == MessageFormat.JSON) {
            ObjectNode object = jsonParser.parseObject(message.body());
            change.properties(JsonObjectParser.toMap(object));
        }
        return change.build();
    }
}
