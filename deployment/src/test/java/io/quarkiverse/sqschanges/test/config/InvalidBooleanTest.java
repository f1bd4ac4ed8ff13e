package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** A typo in a queue's switch fails startup; the configuration alone would read it as {@code false}. */
class InvalidBooleanTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.enabled", "ture")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.prefetch", "Yes")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".url",
                    "http://127.0.0.1:1/000000000000/orders.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.\"orders.fifo\".deduplicate", "sometimes")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.enabled is 'ture'; allowed values are true"
                            + " and false")
                    .hasMessageContaining("quarkus.sqs-changes.queues.\"orders.fifo\".deduplicate is 'sometimes';"
                            + " allowed values are true and false")
                    .message().doesNotContain("prefetch"));

    @Test
    void startupFailsNamingTheProperty() {
        // the assertion is in assertException
    }
}
