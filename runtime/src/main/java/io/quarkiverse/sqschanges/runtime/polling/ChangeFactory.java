package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.format.BodyFormat;
import io.quarkiverse.sqschanges.runtime.format.FormattedMessage;
import io.quarkiverse.sqschanges.runtime.format.InvalidMessageException;

/**
 * Makes the changes of a message of one queue: by the queue's {@code format}, then through its mapper if it has
 * one.
 */
final class ChangeFactory {

    private final QueueSettings queue;
    private final BodyFormat format;
    private final MessageMapper mapper;

    /**
     * @param mapper the queue's mapper, or {@code null}
     */
    ChangeFactory(QueueSettings queue, BodyFormat format, MessageMapper mapper) {
        this.queue = queue;
        this.format = format;
        this.mapper = mapper;
    }

    /**
     * @return the changes: usually one; none if the message carries none or the mapper made none
     * @throws InvalidMessageException if the message does not fit the queue's format, or the mapper threw
     */
    List<Change> toChanges(String queueUrl, SqsMessage message) throws InvalidMessageException {
        Change.Builder defaults = Change.builder(queue.name(), queueUrl, queue.codebase(), message)
                .property(Change.BODY_PROPERTY, message.body());
        List<FormattedMessage> formatted = format.decode(defaults, message);
        List<Change> changes = new ArrayList<>(formatted.size());
        for (FormattedMessage one : formatted) {
            if (mapper == null) {
                changes.add(one.change());
            } else {
                map(new MappedMessage(queueUrl, one.change(), one.content(), one.json())).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** @return what the mapper said of this queue's mapper, for logs */
    String mapperName() {
        return mapper == null ? "none" : mapperName(mapper);
    }

    private Optional<Change> map(MappedMessage message) throws InvalidMessageException {
        Optional<Change> change;
        try {
            change = mapper.map(message);
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
