package io.quarkiverse.sqschanges.runtime.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A schema violation names its JSON path and rule, never the value; the docs quote the real text.
 */
class JsonSchemasTest {

    static final String PROPERTY = "quarkus.sqs-changes.queues.models.json-schema";
    static final Path FORMATS_PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "formats.adoc");

    final ObjectMapper mapper = new ObjectMapper();
    final List<String> problems = new ArrayList<>();
    final JsonSchemaCheck schema = JsonSchemas.load("schemas/model.json", PROPERTY, mapper, problems);

    @Test
    void aViolationNamesItsPathAndRuleButNotTheValue() throws IOException {
        assertThat(problems).isEmpty();

        InvalidMessageException e = violation("{\"model\":\"resnet\",\"version\":\"secret-three\"}");

        assertThat(e).hasMessage("the JSON does not satisfy the schema schemas/model.json (1 error(s): at /version:"
                + " string found, integer expected)");
        assertThat(e.getMessage()).doesNotContain("secret-three");
    }

    @Test
    void theDocsQuoteTheRealText() throws IOException {
        String message = violation("{\"model\":\"resnet\",\"version\":\"three\"}").getMessage();
        String quoted = "at /version: string found, integer expected";

        assertThat(message).contains(quoted);
        assertThat(Files.readString(FORMATS_PAGE, StandardCharsets.UTF_8)).contains("`" + quoted + "`");
    }

    @Test
    void aMissingFieldIsAtTheRootAndSeveralViolationsAreCounted() throws IOException {
        InvalidMessageException e = violation("{\"model\":\"\"}");

        assertThat(e.getMessage()).contains("(2 error(s): ")
                .contains("at /model: must be at least 1 characters long")
                .contains("at the root: required property 'version' not found");
    }

    @Test
    void aValidObjectPasses() throws Exception {
        schema.check(mapper.readTree("{\"model\":\"resnet\",\"version\":3}"));
    }

    @Test
    void aMissingResourceIsAProblemNamingTheProperty() {
        List<String> problems = new ArrayList<>();
        JsonSchemaCheck check = JsonSchemas.load("schemas/nope.json", PROPERTY, mapper, problems);

        assertThat(check).isSameAs(JsonSchemaCheck.NONE);
        assertThat(problems).containsExactly(PROPERTY + " names the class path resource 'schemas/nope.json', which"
                + " does not exist; put the schema under src/main/resources/schemas/nope.json or fix the name");
    }

    private InvalidMessageException violation(String json) throws IOException {
        var node = mapper.readTree(json);
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> schema.check(node));
        assertThat(e).as("the schema's verdict on %s", json).isNotNull();
        return e;
    }
}
