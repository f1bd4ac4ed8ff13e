package io.quarkiverse.sqschanges.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Invalid settings of the datasource duplicate filter fail startup, each naming its property. */
class DeduplicationConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:deduplication-config")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.table", "handled; DROP TABLE orders")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.retention", "0s")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.cleanup-batch-size", "0")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.deduplication.table must be a table name")
                    .hasMessageContaining("quarkus.sqs-changes.deduplication.retention must be longer than 0s")
                    .hasMessageContaining("quarkus.sqs-changes.deduplication.cleanup-batch-size must be at least 1"));

    @Test
    void startupFailsListingEveryProblem() {
        // the assertion is in assertException
    }
}
