package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.EmbeddedSqs;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class MissingSchemaTest {

    @RegisterExtension
    static final QuarkusUnitTest app = EmbeddedSqs.shared().configure(new QuarkusUnitTest())
            .overrideConfigKey("quarkus.sqs-changes.queues.models.url", "http://127.0.0.1:1/000000000000/models")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.json-schema", "schemas/nope.json")
            .overrideConfigKey("quarkus.sqs-changes.queues.raw.url", "http://127.0.0.1:1/000000000000/raw")
            .overrideConfigKey("quarkus.sqs-changes.queues.raw.json-schema", "schemas/model.json")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.queues.raw.json-schema is set, but format raw has no JSON"
                            + " object to check")
                    .hasMessageContaining("quarkus.sqs-changes.queues.models.json-schema names the class path resource"
                            + " 'schemas/nope.json', which does not exist"));

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
