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
 * A schema violation names the rules it breaks and counts them, but quotes nothing of the body, not even its
 * property names (a name can hold a line break); where in the body and what is wrong are details, for DEBUG. The
 * docs quote the real text.
 */
class JsonSchemasTest {

    static final String PROPERTY = "quarkus.sqs-changes.queues.models.json-schema";
    static final Path FORMATS_PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "formats.adoc");

    final ObjectMapper mapper = new ObjectMapper();
    final List<String> problems = new ArrayList<>();
    final JsonSchemaCheck schema = JsonSchemas.load("schemas/model.json", PROPERTY, mapper, problems);

    @Test
    void aViolationNamesTheRuleItBreaksButNothingOfTheBody() throws IOException {
        assertThat(problems).isEmpty();

        InvalidMessageException e = violation(schema, "{\"model\":\"resnet\",\"version\":\"secret-three\"}");

        assertThat(e).hasMessage("the JSON does not satisfy the schema schemas/model.json (1 error(s): type at"
                + " #/properties/version/type)");
        assertThat(e.details()).hasValue("at /version: string found, integer expected");
    }

    @Test
    void theDocsQuoteTheRealText() throws IOException {
        InvalidMessageException e = violation(schema, "{\"model\":\"resnet\",\"version\":\"three\"}");
        String quoted = "type at #/properties/version/type";
        String details = "at /version: string found, integer expected";

        assertThat(e.getMessage()).contains(quoted);
        assertThat(e.details()).hasValue(details);
        String page = Files.readString(FORMATS_PAGE, StandardCharsets.UTF_8);
        assertThat(page).contains("`" + quoted + "`").contains("`" + details + "`");
    }

    @Test
    void severalViolationsAreCountedByRule() throws IOException {
        InvalidMessageException e = violation(schema, "{\"model\":\"\"}");

        assertThat(e).hasMessage("the JSON does not satisfy the schema schemas/model.json (2 error(s): minLength at"
                + " #/properties/model/minLength; required at #/required)");
        assertThat(e.details()).hasValue("at /model: must be at least 1 characters long; at the root: required"
                + " property 'version' not found");
    }

    @Test
    void propertyNamesOfTheBodyAreNotInTheMessage() throws IOException {
        JsonSchemaCheck strict = JsonSchemas.load("schemas/strict-model.json", PROPERTY, mapper, problems);
        assertThat(problems).isEmpty();

        InvalidMessageException e = violation(strict,
                "{\"model\":\"resnet\",\"version\":3,\"a\\nFORGED secret-1\":1,\"b secret-2\":2,\"c secret-3\":3,"
                        + "\"d secret-4\":4}");

        assertThat(e).hasMessage("the JSON does not satisfy the schema schemas/strict-model.json (4 error(s):"
                + " additionalProperties at #/additionalProperties (4 times))");
        assertThat(e.details()).hasValueSatisfying(details -> assertThat(details).contains("a\nFORGED secret-1"));
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

    private InvalidMessageException violation(JsonSchemaCheck schema, String json) throws IOException {
        var node = mapper.readTree(json);
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> schema.check(node));
        assertThat(e).as("the schema's verdict on %s", json).isNotNull();
        return e;
    }
}
