package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class InvalidValuesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails before any SQS request: no server
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.max-messages", "11")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.wait-time", "25s")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.visibility-timeout", "1.5s")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.concurrency", "0")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.prefetch-batches", "11")
            // 0s would let SQS deliver a message again while it is being handled
            .overrideConfigKey("quarkus.sqs-changes.queues.zero.url", "http://127.0.0.1:1/000000000000/zero")
            .overrideConfigKey("quarkus.sqs-changes.queues.zero.visibility-timeout", "0s")
            .overrideConfigKey("quarkus.sqs-changes.queues.both.url", "http://127.0.0.1:1/000000000000/both")
            .overrideConfigKey("quarkus.sqs-changes.queues.both.queue-name", "both")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.max-messages is 11; allowed values are 1 to 10")
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.wait-time is PT25S; allowed values are whole"
                            + " seconds from 0s to 20s")
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.visibility-timeout is PT1.5S")
                    .hasMessageContaining("quarkus.sqs-changes.queues.zero.visibility-timeout is PT0S; allowed values are"
                            + " whole seconds from 1s to 43200s (12 hours)")
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.concurrency is 0; allowed values are 1 to 50")
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.prefetch-batches is 11; allowed values are 1"
                            + " to 10")
                    .hasMessageContaining("Queue 'both' sets both quarkus.sqs-changes.queues.both.url and"
                            + " quarkus.sqs-changes.queues.both.queue-name; set only one of them"));

    @Test
    void startupFailsListingEveryProblem() {
        // the assertion is in assertException
    }
}
