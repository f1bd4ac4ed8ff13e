package io.quarkiverse.sqschanges.runtime.format;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON value against the queue's {@code json-schema}, if it has one.
 */
interface JsonSchemaCheck {

    /** Accepts everything: for queues without a schema. */
    JsonSchemaCheck NONE = json -> {
    };

    /**
     * @throws InvalidMessageException naming the first violations and where they are
     */
    void check(JsonNode json) throws InvalidMessageException;
}
