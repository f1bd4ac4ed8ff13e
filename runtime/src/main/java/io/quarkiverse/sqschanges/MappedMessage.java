package io.quarkiverse.sqschanges;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@link MessageMapper} gets: a received message, the queue it came from, and what the queue's format
 * made of it.
 */
public final class MappedMessage {

    private final String queue;
    private final String queueUrl;
    private final String codebase;
    private final SqsMessage message;
    private final ObjectNode json;
    private final Map<String, Object> formatProperties;

    /**
     * @param queue the configured queue name
     * @param queueUrl the queue URL
     * @param codebase the queue's codebase
     * @param message the message
     * @param json the body's JSON object for a {@code json} queue, otherwise {@code null}
     * @param formatProperties the properties the queue's format made: {@code sqs_body}, and the JSON fields
     */
    public MappedMessage(String queue, String queueUrl, String codebase, SqsMessage message, ObjectNode json,
            Map<String, Object> formatProperties) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.codebase = Objects.requireNonNull(codebase, "codebase");
        this.message = Objects.requireNonNull(message, "message");
        this.json = json;
        this.formatProperties = Objects.requireNonNull(formatProperties, "formatProperties");
    }

    /** @return the configured name of the queue the message came from */
    public String queue() {
        return queue;
    }

    /** @return the URL of that queue */
    public String queueUrl() {
        return queueUrl;
    }

    /** @return the message */
    public SqsMessage message() {
        return message;
    }

    /** @return the message body */
    public String body() {
        return message.body();
    }

    /**
     * @return for a {@code json} queue, the body's JSON object (already parsed, and checked to be an object);
     *         empty for a {@code raw} queue
     */
    public Optional<ObjectNode> json() {
        return Optional.ofNullable(json);
    }

    /**
     * @return a new builder holding the change the queue's format alone would make: the defaults described on
     *         {@link Change}, the queue's codebase, and the format's properties
     */
    public Change.Builder change() {
        return Change.builder(queue, queueUrl, codebase, message).properties(formatProperties);
    }

    @Override
    public String toString() {
        return "MappedMessage[queue=" + queue + ", id=" + message.messageId() + "]";
    }
}
