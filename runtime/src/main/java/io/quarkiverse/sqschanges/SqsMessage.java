package io.quarkiverse.sqschanges;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS message a {@link Change} was made from, as received (immutable).
 */
public final class SqsMessage {

    private final Message message;

    private SqsMessage(Message message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * @param message a message as returned by {@code ReceiveMessage}
     * @return a view of that message
     */
    public static SqsMessage of(Message message) {
        return new SqsMessage(message);
    }

    /**
     * @return the message id assigned by SQS
     */
    public String messageId() {
        return message.messageId();
    }

    /**
     * @return the body, exactly as sent
     */
    public String body() {
        return message.body();
    }

    /**
     * @return the system attributes (such as {@code SentTimestamp}, {@code ApproximateReceiveCount},
     *         {@code MessageGroupId}) by name
     */
    public Map<String, String> attributes() {
        return message.attributesAsStrings();
    }

    /**
     * @return the message attributes set by the sender, by name
     */
    public Map<String, MessageAttributeValue> messageAttributes() {
        return message.messageAttributes();
    }

    /**
     * @return how many times SQS has delivered this message, this delivery included (1 on the first delivery)
     */
    public int receiveCount() {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    /**
     * @return the message group id; present only for messages of a FIFO queue
     */
    public Optional<String> messageGroupId() {
        return Optional.ofNullable(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    }

    /**
     * @return when SQS accepted the message ({@code SentTimestamp}); empty if SQS did not report it
     */
    public Optional<Instant> sentTimestamp() {
        String millis = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    /**
     * @return the message as the AWS SDK returned it, including its receipt handle
     */
    public Message sdkMessage() {
        return message;
    }

    @Override
    public String toString() {
        return "SqsMessage[id=" + messageId() + "]";
    }
}
