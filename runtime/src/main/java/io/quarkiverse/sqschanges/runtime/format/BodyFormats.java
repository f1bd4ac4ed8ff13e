package io.quarkiverse.sqschanges.runtime.format;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.sqschanges.runtime.config.QueueSettings;

/**
 * Makes the {@link BodyFormat} of each queue, with its JSON Schema if it has one. The queues share one JSON
 * parser, made from the application's {@code ObjectMapper} only when a queue needs JSON.
 */
public final class BodyFormats {

    private final Supplier<ObjectMapper> objectMapper;
    private JsonObjectParser parser;

    /**
     * @param objectMapper resolved only when a queue needs JSON: an application with raw queues only never creates it
     */
    public BodyFormats(Supplier<ObjectMapper> objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * @param problems receives a message naming the property if the queue's schema cannot be loaded
     */
    public BodyFormat forQueue(QueueSettings queue, List<String> problems) {
        JsonSchemaCheck schema = queue.jsonSchema()
                .map(resource -> JsonSchemas.load(resource, queue.property("json-schema"), objectMapper.get(),
                        problems))
                .orElse(JsonSchemaCheck.NONE);
        switch (queue.format()) {
            case JSON:
                return new JsonFormat(parser(), schema);
            case SNS:
                return new SnsFormat(parser(), queue.snsJsonMessage(), schema);
            case S3:
                return new S3Format(parser());
            case EVENTBRIDGE:
                return new EventBridgeFormat(parser(), schema);
            default:
                return new RawFormat();
        }
    }

    private JsonObjectParser parser() {
        if (parser == null) {
            parser = new JsonObjectParser(objectMapper.get());
        }
        return parser;
    }
}
