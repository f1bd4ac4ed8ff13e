package io.quarkiverse.sqschanges.runtime.format;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a message body that must be one JSON object, and turns JSON values into plain Java values.
 * <p>
 * It reads with its own stream read constraints, whatever the application's {@code ObjectMapper} allows, so a
 * hostile body fails with an error instead of exhausting the stack or the heap: nesting at most
 * {@value #MAX_NESTING_DEPTH} deep, numbers of at most {@value #MAX_NUMBER_LENGTH} digits, and strings, names and
 * documents of at most {@value #MAX_TEXT_LENGTH} characters (SQS bodies are at most 1 MiB).
 */
final class JsonObjectParser {

    static final int MAX_NESTING_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_TEXT_LENGTH = 2 * 1024 * 1024;

    private final ObjectReader reader;

    /** @param mapper the application's mapper: its modules and features apply, not its read limits */
    public JsonObjectParser(ObjectMapper mapper) {
        ObjectMapper limited = copyOf(mapper);
        limited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_TEXT_LENGTH)
                .maxNameLength(MAX_TEXT_LENGTH)
                .maxDocumentLength(MAX_TEXT_LENGTH)
                .build());
        this.reader = limited.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A subclass of {@code ObjectMapper} that cannot copy itself gives way to a plain mapper (trees need no modules). */
    private static ObjectMapper copyOf(ObjectMapper mapper) {
        try {
            return mapper.copy();
        } catch (IllegalStateException e) {
            return new ObjectMapper();
        }
    }

    /**
     * @param body a message body
     * @return the JSON object it holds
     * @throws InvalidMessageException if the body is not exactly one JSON object
     */
    public ObjectNode parseObject(String body) throws InvalidMessageException {
        return parseObject(body, "the body");
    }

    /**
     * @param text the text to parse
     * @param what names the text in error messages, such as {@code "the SNS message"}
     * @return the JSON object it holds
     * @throws InvalidMessageException if the text is not exactly one JSON object
     */
    public ObjectNode parseObject(String text, String what) throws InvalidMessageException {
        JsonNode node;
        try {
            node = reader.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new InvalidMessageException(what + " exceeds a JSON read limit (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body, which must not be logged above DEBUG
            throw new InvalidMessageException(what + " is not valid JSON (error at line " + lineOf(e) + ", column "
                    + columnOf(e) + ")");
        } catch (RuntimeException e) {
            throw new InvalidMessageException(what + " could not be read as JSON (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidMessageException(what + " is empty; a JSON object was expected");
        }
        if (!node.isObject()) {
            throw new InvalidMessageException(what + " is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * @param object a JSON object
     * @return its fields in document order, with their values as Jackson nodes: a {@code Change} built with them holds
     *         them as String, Number, Boolean, null, Map or List
     */
    public static Map<String, Object> toMap(ObjectNode object) {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, (int) (object.size() / 0.75f) + 1));
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), field.getValue());
        }
        return map;
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static int columnOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }
}
