package io.quarkiverse.sqschanges;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deep, order-keeping, null-tolerant immutable copies of property values: maps stay maps, sets stay sets, lists and
 * other collections become lists, arrays become lists, and Jackson trees become what the {@code json} format makes
 * of JSON (maps, lists, {@code String}, {@code Number}, {@code Boolean}, {@code null}).
 */
final class ImmutableValues {

    private ImmutableValues() {
    }

    static Map<String, Object> copyOf(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(capacity(map.size()));
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            copy.put(entry.getKey(), copyValue(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyOf((Map<String, ?>) map);
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>(capacity(set.size()));
            for (Object element : set) {
                copy.add(copyValue(element));
            }
            return Collections.unmodifiableSet(copy);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object element : collection) {
                copy.add(copyValue(element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> copy = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                copy.add(copyValue(Array.get(value, i)));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof JsonNode json) {
            return fromJson(json);
        }
        return value;
    }

    /** As the {@code json} format reads a body: objects and arrays become maps and lists. */
    private static Object fromJson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>(capacity(node.size()));
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), fromJson(field.getValue()));
                }
                return Collections.unmodifiableMap(map);
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(fromJson(element));
                }
                return Collections.unmodifiableList(list);
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case BINARY:
            case POJO:
                return node.asText();
            default:
                return null;
        }
    }

    private static int capacity(int size) {
        return Math.max(4, (int) (size / 0.75f) + 1);
    }
}
