package io.quarkiverse.sqschanges.runtime.format;

import java.util.List;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;

/** {@code raw}: the body is the property {@code sqs_body}, nothing more. */
final class RawFormat implements BodyFormat {

    @Override
    public List<FormattedMessage> decode(Change.Builder defaults, SqsMessage message) {
        return List.of(new FormattedMessage(defaults.build(), message.body(), null));
    }
}
