package io.quarkiverse.sqschanges.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * Makes the {@link Change} of a message: by its queue's {@code format}, then through the queue's mapper if it
 * has one.
 */
final class ChangeFactory {

    private final JsonObjectParser jsonParser;

    ChangeFactory(JsonObjectParser jsonParser) {
        this.jsonParser = jsonParser;
    }

    /**
     * @param mapper the queue's mapper, or {@code null}
     * @return the change, or empty if the mapper made none
     * @throws InvalidMessageException if the message does not fit the queue's format, or the mapper threw
     */
    Optional<Change> toChange(QueueSettings queue, String queueUrl, SqsMessage message, MessageMapper mapper)
            throws InvalidMessageException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Change.BODY_PROPERTY, message.body());
        ObjectNode json = null;
        if (queue.format() == MessageFormat.JSON) {
            json = jsonParser.parseObject(message.body());
            properties.putAll(JsonObjectParser.toMap(json));
        }
        if (mapper == null) {
            return Optional.of(Change.builder(queue.name(), queueUrl, queue.codebase(), message)
                    .properties(properties).build());
        }
        MappedMessage mapped = new MappedMessage(queue.name(), queueUrl, queue.codebase(), message, json, properties);
        Optional<Change> change;
        try {
            change = mapper.map(mapped);
        } catch (Exception e) {
            throw new InvalidMessageException("the mapper " + mapperName(mapper) + " threw " + Failures.describe(e), e);
        }
        if (change == null) {
            throw new InvalidMessageException("the mapper " + mapperName(mapper)
                    + " returned null from map(MappedMessage); return Optional.empty() to make no change");
        }
        return change;
    }

    static String mapperName(MessageMapper mapper) {
        String name = mapper.getClass().getName();
        // a client proxy or an interception subclass extends the user's class: name that one
        return name.endsWith("_ClientProxy") || name.endsWith("_Subclass") ? mapper.getClass().getSuperclass().getName()
                : name;
    }
}
