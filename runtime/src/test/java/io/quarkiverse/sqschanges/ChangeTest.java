package io.quarkiverse.sqschanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A change's properties cannot be modified, nor through them the values nested in them, whatever collection,
 * array or JSON tree a mapper put there; and changing what the mapper put there afterwards does not change them.
 */
class ChangeTest {

    final Change.Builder builder = Change.builder("q", "http://sqs/q", "q",
            SqsMessage.of(Message.builder().messageId("m-1").body("{}").build()));

    @Test
    void setsBecomeUnmodifiableCopies() {
        Set<Object> labels = new LinkedHashSet<>(List.of("b", "a"));
        labels.add(new ArrayList<>(List.of(1)));
        Change change = builder.property("labels", labels).build();
        labels.add("c");

        Set<Object> copy = value(change, "labels");
        assertThat(copy).containsExactly("b", "a", List.of(1));
        assertThatThrownBy(() -> copy.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        List<?> nested = (List<?>) copy.stream().filter(List.class::isInstance).findFirst().orElseThrow();
        assertThatThrownBy(() -> nested.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void arraysBecomeUnmodifiableLists() {
        String[] files = { "a.txt", "b.txt" };
        int[] counts = { 1, 2 };
        Object[] mixed = { "x", new int[] { 3 }, null };
        Change change = builder.property("files", files).property("counts", counts)
                .property("nested", Map.of("mixed", mixed)).build();
        files[0] = "changed";
        counts[0] = 99;

        assertThat(change.properties().get("files")).isEqualTo(List.of("a.txt", "b.txt"));
        assertThat(change.properties().get("counts")).isEqualTo(List.of(1, 2));
        Map<String, Object> nested = value(change, "nested");
        assertThat(nested).containsExactly(entry("mixed", Arrays.asList("x", List.of(3), null)));
        List<Object> fileList = value(change, "files");
        assertThatThrownBy(() -> fileList.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonTreesBecomeUnmodifiableMapsAndLists() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper()
                .readTree("{\"name\":\"resnet\",\"n\":3,\"ratio\":1.5,\"ok\":true,\"none\":null,"
                        + "\"tags\":[\"a\",{\"deep\":[1]}]}");
        Change change = builder.property("model", json).property("tags", json.get("tags"))
                .property("name", json.get("name")).build();
        json.put("name", "changed");
        ((ArrayNode) json.get("tags")).add("b");

        Map<String, Object> model = value(change, "model");
        assertThat(model).containsExactly(entry("name", "resnet"), entry("n", 3), entry("ratio", 1.5), entry("ok", true),
                entry("none", null),
                entry("tags", List.of("a", Map.of("deep", List.of(1)))));
        assertThat(change.properties().get("tags")).isEqualTo(List.of("a", Map.of("deep", List.of(1))));
        assertThat(change.properties().get("name")).isEqualTo("resnet");
        assertThatThrownBy(() -> ((List<?>) model.get("tags")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> deep = (Map<String, Object>) ((List<?>) model.get("tags")).get(1);
        assertThatThrownBy(() -> deep.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapsAndListsStayOrderedCopiesThatAcceptNull() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", null);
        nested.put("a", new ArrayList<>(Arrays.asList(1, null)));
        Change change = builder.property("nested", nested).build();
        nested.put("b", 2);

        Map<String, Object> copy = value(change, "nested");
        assertThat(copy).containsExactly(entry("z", null), entry("a", Arrays.asList(1, null)));
        assertThat(change.toBuilder().property("more", 1).build().properties()).containsKeys("nested", "more");
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Change change, String name) {
        return (T) change.properties().get(name);
    }
}
