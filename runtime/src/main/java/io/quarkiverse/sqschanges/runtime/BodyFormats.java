package io.quarkiverse.sqschanges.runtime;

/**
 * Picks the {@link BodyFormat} of a queue.
 */
final class BodyFormats {

    private BodyFormats() {
    }

    static BodyFormat forQueue(QueueSettings queue, JsonObjectParser parser, JsonSchemaCheck schema) {
        switch (queue.format()) {
            case JSON:
                return new JsonFormat(parser, schema);
            case SNS:
                return new SnsFormat(parser, queue.snsJsonMessage(), schema);
            case S3:
                return new S3Format(parser);
            case EVENTBRIDGE:
                return new EventBridgeFormat(parser, schema);
            default:
                return new RawFormat();
        }
    }
}
