package io.quarkiverse.sqschanges;

import java.util.Map;
import java.util.Optional;

/**
 * Turns the messages of the queues named by {@link ChangeMapper} into changes. Override one of the two methods:
 * <ul>
 * <li>{@link #properties(MappedMessage)}, the common case: return properties to add to the change;</li>
 * <li>{@link #map(MappedMessage)}, for full control over every field of the change.</li>
 * </ul>
 * A mapper that throws makes the message invalid: the error is logged with the queue and message id, and the
 * message is kept (or deleted, per the queue's {@code invalid-message}). Polling goes on.
 * <p>
 * Mappers are called from the polling threads of their queues, one message at a time per queue, possibly for
 * several queues at once: keep them stateless or thread-safe.
 */
public interface MessageMapper {

    /**
     * Returns properties for the change of a message. They are added to the queue format's properties
     * ({@code sqs_body}, and a JSON object's fields for a {@code json} queue), replacing those of the same name.
     *
     * @param message the message, its queue, and its parsed JSON object for a {@code json} queue
     * @return the properties to add, or {@code null} to make no change from this message (it is then deleted)
     * @throws Exception to reject the message as invalid
     */
    default Map<String, ?> properties(MappedMessage message) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " must override properties(MappedMessage)"
                + " or map(MappedMessage)");
    }

    /**
     * Makes the change of a message. By default: the {@link MappedMessage#change() default change} with the
     * {@link #properties(MappedMessage) properties} added.
     *
     * @param message the message, its queue, and its parsed JSON object for a {@code json} queue
     * @return the change to fire, or empty to make no change from this message (it is then deleted)
     * @throws Exception to reject the message as invalid
     */
    default Optional<Change> map(MappedMessage message) throws Exception {
        Map<String, ?> properties = properties(message);
        return properties == null ? Optional.empty() : Optional.of(message.change().properties(properties).build());
    }
}
