package io.quarkiverse.sqschanges.runtime.dedup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.runtime.config.ConfigNames;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.Deduplication;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.DuplicateStore;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Provides the {@link DuplicateFilter} that {@code quarkus.sqs-changes.deduplication.store} chooses, unless the
 * application has its own.
 */
@Singleton
public class DuplicateFilterProducer {

    private static final String PREFIX = ConfigNames.PREFIX + ".deduplication.";

    @Produces
    @Singleton
    @DefaultBean
    DuplicateFilter duplicateFilter(SqsChangesConfig config, Instance<DatasourceDuplicateFilters> datasourceFilters) {
        Deduplication deduplication = config.deduplication();
        List<String> problems = new ArrayList<>();
        DuplicateFilter filter = null;
        if (deduplication.store() == DuplicateStore.MEMORY) {
            if (deduplication.maxEntries() < 1) {
                problems.add(PREFIX + "max-entries must be at least 1; it is " + deduplication.maxEntries());
            }
            if (deduplication.window().isNegative() || deduplication.window().isZero()) {
                problems.add(PREFIX + "window must be longer than 0s; it is " + deduplication.window());
            }
            filter = new InMemoryDuplicateFilter(deduplication.window().toMillis(), deduplication.maxEntries(),
                    () -> System.nanoTime() / 1_000_000);
        } else {
            checkDatasourceSettings(deduplication, problems);
            if (datasourceFilters.isUnsatisfied()) {
                problems.add(PREFIX + "store=datasource needs the application's datasource, but the application does"
                        + " not have the quarkus-agroal extension: add quarkus-agroal and a JDBC driver extension (such"
                        + " as quarkus-jdbc-postgresql), or set " + PREFIX + "store=memory");
            } else if (problems.isEmpty()) {
                filter = datasourceFilters.get().create(deduplication, problems);
            }
        }
        if (!problems.isEmpty()) {
            if (filter instanceof JdbcDuplicateFilter jdbc) {
                jdbc.close();
            }
            throw new ConfigurationException("Invalid SQS change source configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
        return filter;
    }

    private static void checkDatasourceSettings(Deduplication deduplication, List<String> problems) {
        if (!JdbcDuplicateFilter.validTableName(deduplication.table().trim())) {
            problems.add(PREFIX + "table must be a table name, optionally with its schema ([schema.]table: letters,"
                    + " digits and underscores); it is '" + deduplication.table() + "'");
        }
        if (deduplication.retention().isNegative() || deduplication.retention().isZero()) {
            problems.add(PREFIX + "retention must be longer than 0s; it is " + deduplication.retention()
                    + " (the default, 14d, is SQS's longest message retention)");
        }
        if (deduplication.cleanupInterval().toMillis() < 1000) {
            problems.add(PREFIX + "cleanup-interval must be at least 1s; it is " + deduplication.cleanupInterval());
        }
        if (deduplication.cleanupBatchSize() < 1) {
            problems.add(PREFIX + "cleanup-batch-size must be at least 1; it is " + deduplication.cleanupBatchSize());
        }
        if (deduplication.datasource().isPresent() && deduplication.datasource().get().isBlank()) {
            problems.add(PREFIX + "datasource is blank: name a datasource, or remove it to use the default one");
        }
    }

    void close(@Disposes DuplicateFilter filter) {
        if (filter instanceof JdbcDuplicateFilter jdbc) {
            jdbc.close();
        }
    }
}
