package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class MissingSchemaTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails on the configuration before any SQS call: no server needed
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs.aws.region", "us-east-1")
            .overrideConfigKey("quarkus.sqs.aws.credentials.type", "static")
            .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.access-key-id", "test")
            .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test")
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
