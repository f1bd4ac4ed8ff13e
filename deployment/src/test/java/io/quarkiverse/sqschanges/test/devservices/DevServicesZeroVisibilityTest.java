package io.quarkiverse.sqschanges.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Dev Service visibility timeout of 0s, which SQS accepts, fails the build: it would make every message visible
 * to a second receive while it is being handled.
 */
class DevServicesZeroVisibilityTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.visibility-timeout", "0s")
            .overrideConfigKey("quarkus.sqs-changes.queues.jobs.queue-name", "jobs")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.devservices.visibility-timeout is PT0S; allowed"
                            + " values are whole seconds from 1s to 12h"));

    @Test
    void theBuildFailsNamingTheProperty() {
        // the assertion is in assertException
    }
}
