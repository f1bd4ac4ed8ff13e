package io.quarkiverse.sqschanges.it.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** {@code deduplication.datasource} naming a datasource that is not configured fails startup, saying what to fix. */
class UnknownDeduplicationDatasourceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:unknown-datasource")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.datasource", "ledger")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.deduplication.store=datasource needs datasource"
                            + " 'ledger', which is not configured: configure quarkus.datasource.\"ledger\".db-kind")
                    .hasMessageContaining("or fix quarkus.sqs-changes.deduplication.datasource"));

    @Test
    void startupFails() {
        // the assertion is in assertException
    }
}
