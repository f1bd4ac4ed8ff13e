package io.quarkiverse.sqschanges.runtime.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonObjectParserTest {

    @Test
    void readLimitsHoldWhateverTheApplicationsMapperAllows() throws Exception {
        ObjectMapper generous = new ObjectMapper();
        generous.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(1_000_000).maxNumberLength(1_000_000).build());
        JsonObjectParser parser = new JsonObjectParser(generous);

        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> parser.parseObject(deep))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("the body exceeds a JSON read limit");
        String longNumber = "{\"n\":" + "9".repeat(5_000) + "}";
        assertThatThrownBy(() -> parser.parseObject(longNumber))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("the body exceeds a JSON read limit");

        // the application's own mapper keeps its limits
        assertThat(generous.readTree(deep).isObject()).isTrue();
        assertThat(parser.parseObject("{\"a\":[[1]]}").path("a").get(0).get(0).intValue()).isEqualTo(1);
    }
}
