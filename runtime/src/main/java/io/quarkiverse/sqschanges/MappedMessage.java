package io.quarkiverse.sqschanges;

import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@link MessageMapper} gets: a received message, the queue it came from, and what the queue's format
 * made of it. For an envelope format ({@code sns}, {@code s3}, {@code eventbridge}) that is the unwrapped content:
 * the SNS message, one S3 event record, the EventBridge {@code detail}.
 */
public final class MappedMessage {

    private final String queueUrl;
    private final Change formatChange;
    private final String content;
    private final ObjectNode json;

    /**
     * @param queueUrl the URL of the queue the message came from
     * @param formatChange the change the queue's format alone makes of the message
     * @param content the unwrapped content: the body itself for {@code raw} and {@code json}
     * @param json the content's JSON object, if the format parsed one, otherwise {@code null}
     */
    public MappedMessage(String queueUrl, Change formatChange, String content, ObjectNode json) {
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.formatChange = Objects.requireNonNull(formatChange, "formatChange");
        this.content = Objects.requireNonNull(content, "content");
        this.json = json;
    }

    /** @return the configured name of the queue the message came from */
    public String queue() {
        return formatChange.queue();
    }

    /** @return the URL of that queue */
    public String queueUrl() {
        return queueUrl;
    }

    /** @return the message */
    public SqsMessage message() {
        return formatChange.message();
    }

    /** @return the message body, exactly as received (for an envelope format, the whole envelope) */
    public String body() {
        return formatChange.message().body();
    }

    /**
     * @return what the format unwrapped: the body for {@code raw} and {@code json}, the SNS {@code Message} for
     *         {@code sns}, the event record for {@code s3} (the event's {@code detail} when it came from EventBridge),
     *         the {@code detail} for {@code eventbridge}
     */
    public String content() {
        return content;
    }

    /**
     * @return the content's JSON object when the format parsed one ({@code json}; {@code sns} with
     *         {@code sns.message-format=json}; {@code s3}: the record, or the {@code detail} of an S3 event from
     *         EventBridge; {@code eventbridge}: the {@code detail}),
     *         already checked to be an object; empty otherwise
     */
    public Optional<ObjectNode> json() {
        return Optional.ofNullable(json);
    }

    /**
     * @return a new builder holding the change the queue's format alone would make: the defaults described on
     *         {@link Change}, the queue's codebase, and the format's fields and properties
     */
    public Change.Builder change() {
        return formatChange.toBuilder();
    }

    @Override
    public String toString() {
        return "MappedMessage[queue=" + queue() + ", id=" + message().messageId() + "]";
    }
}
