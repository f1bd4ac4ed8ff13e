package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code deduplication.store=datasource} in an application without {@code quarkus-agroal} (this module's tests have
 * none) fails startup, naming the extension to add: nothing of the datasource filter is there without it.
 */
class DatasourceStoreWithoutAgroalTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.deduplication.store", "datasource")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.sqs-changes.deduplication.store=datasource needs the application's"
                            + " datasource, but the application does not have the quarkus-agroal extension: add"
                            + " quarkus-agroal and a JDBC driver extension (such as quarkus-jdbc-postgresql), or set"
                            + " quarkus.sqs-changes.deduplication.store=memory"));

    @Test
    void startupFailsNamingTheExtension() {
        // the assertion is in assertException
    }
}
