package io.quarkiverse.sqschanges.runtime.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Loads a queue's JSON Schema from the class path, with the optional networknt json-schema-validator library
 * (JSON Schema 2020-12 unless the schema's {@code $schema} names another draft).
 */
final class JsonSchemas {

    static final String LIBRARY = "com.networknt:json-schema-validator";
    /** The rules named in the error: the first ones broken. */
    private static final int REPORTED_RULES = 3;
    /** The violations described at DEBUG: a body can break a rule many thousand times. */
    private static final int DETAILED_ERRORS = 10;

    private JsonSchemas() {
    }

    /**
     * @param resource the class path resource
     * @param property the property that names it, for errors
     * @param problems receives a message naming the property if the schema cannot be loaded
     * @return the check, or one that accepts everything if loading failed (the problem then stops startup)
     */
    static JsonSchemaCheck load(String resource, String property, ObjectMapper mapper, List<String> problems) {
        try {
            return Loader.load(resource, property, mapper, problems);
        } catch (NoClassDefFoundError e) {
            problems.add(property + " needs the JSON Schema library: add the dependency " + LIBRARY
                    + " (version 2.0.8 is tested) to the application");
            return JsonSchemaCheck.NONE;
        }
    }

    /** Touches the library's classes only when a schema is configured. */
    private static final class Loader {

        static JsonSchemaCheck load(String resource, String property, ObjectMapper mapper, List<String> problems) {
            ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            JsonNode schemaJson;
            try (InputStream in = classLoader.getResourceAsStream(path)) {
                if (in == null) {
                    problems.add(property + " names the class path resource '" + resource + "', which does not exist;"
                            + " put the schema under src/main/resources/" + path + " or fix the name");
                    return JsonSchemaCheck.NONE;
                }
                schemaJson = mapper.readTree(in);
            } catch (IOException e) {
                problems.add(property + " names '" + resource + "', which is not valid JSON: " + e.getMessage());
                return JsonSchemaCheck.NONE;
            }
            Schema schema;
            try {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(schemaJson.toString());
                schema.initializeValidators();
            } catch (RuntimeException e) {
                problems.add(property + " names '" + resource + "', which is not a usable JSON Schema: " + e.getMessage());
                return JsonSchemaCheck.NONE;
            }
            return json -> check(schema, resource, json);
        }

        private static String where(Error error) {
            String location = String.valueOf(error.getInstanceLocation());
            return location.isEmpty() || location.equals("$") ? "at the root" : "at " + location;
        }

        /**
         * The message names the rules broken, by their place in the schema, and counts them: nothing of the body, whose
         * property names can hold anything (a line break that forges a log line, a secret). Where in the body and
         * what exactly is wrong are the details, for DEBUG.
         */
        private static void check(Schema schema, String resource, JsonNode json) throws InvalidMessageException {
            List<Error> errors = schema.validate(json);
            if (errors.isEmpty()) {
                return;
            }
            Map<String, Integer> countByRule = new LinkedHashMap<>();
            for (Error error : errors) {
                countByRule.merge(error.getKeyword() + " at " + error.getSchemaLocation(), 1, Integer::sum);
            }
            String rules = countByRule.entrySet().stream().limit(REPORTED_RULES)
                    .map(rule -> rule.getKey() + (rule.getValue() > 1 ? " (" + rule.getValue() + " times)" : ""))
                    .collect(Collectors.joining("; "));
            String more = countByRule.size() > REPORTED_RULES
                    ? "; " + (countByRule.size() - REPORTED_RULES) + " more rule(s)"
                    : "";
            String details = errors.stream().limit(DETAILED_ERRORS)
                    .map(error -> where(error) + ": " + error.getMessage())
                    .collect(Collectors.joining("; "));
            throw InvalidMessageException.withDetails("the JSON does not satisfy the schema " + resource + " ("
                    + errors.size() + " error(s): " + rules + more + ")", details);
        }
    }
}
