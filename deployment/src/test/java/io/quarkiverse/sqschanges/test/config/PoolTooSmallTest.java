package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The application sets the pool of the SQS async client below two connections per receive loop: startup fails,
 * naming the property, the loops, the value needed and the fix. A disabled queue holds no loop.
 */
class PoolTooSmallTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails before any SQS request: no server
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs.async-client.max-concurrency", "10")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", "http://127.0.0.1:1/000000000000/builds")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.concurrency", "5")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.url", "http://127.0.0.1:1/000000000000/models")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.concurrency", "3")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused.url", "http://127.0.0.1:1/000000000000/paused")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused.concurrency", "20")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused.enabled", "false")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs.async-client.max-concurrency=10 cannot serve the 8 receive loops"
                            + " of the configured queues (builds: 5, models: 3): each holds a long poll open; set it to"
                            + " at least 16, or remove it to let the extension size the pool"));

    @Test
    void startupFailsNamingThePropertyAndTheValueNeeded() {
        // the assertion is in assertException
    }
}
