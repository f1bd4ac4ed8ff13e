package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class MissingUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails before any SQS request: no server
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.codebase", "shop")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Queue 'orders' has no quarkus.sqs-changes.queues.orders.url and no"
                            + " quarkus.sqs-changes.queues.orders.queue-name; set one of them"));

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
