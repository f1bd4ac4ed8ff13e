package io.quarkiverse.sqschanges.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Dev Service values outside what SQS allows fail the build, naming each property and its range. */
class DevServicesInvalidValuesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.max-receive-count", "0")
            .overrideConfigKey("quarkus.sqs-changes.devservices.visibility-timeout", "1.5s")
            .overrideConfigKey("quarkus.sqs-changes.queues.jobs.queue-name", "jobs")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.devservices.max-receive-count is 0; allowed values are"
                            + " 1 to 1000")
                    .hasMessageContaining("quarkus.sqs-changes.devservices.visibility-timeout is PT1.5S; allowed"
                            + " values are whole seconds from 1s to 12h"));

    @Test
    void theBuildFailsNamingEachProperty() {
        // the assertion is in assertException
    }
}
