package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

class InvalidChangeSetsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails before any SQS request: no server
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.url", "http://127.0.0.1:1/000000000000/pushes")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.visibility-heartbeat", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.max-held-messages", "0")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.max-held-messages", "100001")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "0s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.max-changes", "0")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.docs.quiet-period", "10m")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.docs.max-wait", "1m")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.nightly.max-wait", "12h")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.change-sets.models.quiet-period is PT0S; it must be a"
                            + " positive duration")
                    .hasMessageContaining("quarkus.sqs-changes.change-sets.models.max-changes is 0; allowed values are"
                            + " 1 to 100000")
                    .hasMessageContaining("quarkus.sqs-changes.change-sets.docs.max-wait is PT1M, shorter than"
                            + " quarkus.sqs-changes.change-sets.docs.quiet-period (PT10M)")
                    .hasMessageContaining("quarkus.sqs-changes.change-sets.nightly.max-wait is PT12H; allowed values"
                            + " are positive durations up to 11h")
                    .hasMessageContaining("quarkus.sqs-changes.queues.pushes.visibility-heartbeat is false, but the"
                            + " changes of queue 'pushes' are gathered into change sets")
                    .hasMessageContaining("quarkus.sqs-changes.queues.pushes.max-held-messages is 0; allowed values are"
                            + " 1 to 100000")
                    .hasMessageContaining("quarkus.sqs-changes.queues.orders.max-held-messages is 100001; allowed values"
                            + " are 1 to 100000, below SQS's 120000 messages in flight per queue"));

    @Test
    void startupFailsNamingEachProperty() {
        // the assertion is in assertException
    }
}
