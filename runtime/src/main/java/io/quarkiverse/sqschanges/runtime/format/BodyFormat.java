package io.quarkiverse.sqschanges.runtime.format;

import java.util.List;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/**
 * Turns a message into the changes its queue's {@code format} makes of it: usually one; none for a message that
 * carries nothing (an S3 test event); several for an S3 notification with several records.
 */
public interface BodyFormat {

    /**
     * @param defaults a builder holding the change defaults for this message (queue, codebase, repository =
     *        queue URL, revision = message id, ...) and the property {@code sqs_body}
     * @throws InvalidMessageException if the message is not of this format
     */
    List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) throws InvalidMessageException;
}
