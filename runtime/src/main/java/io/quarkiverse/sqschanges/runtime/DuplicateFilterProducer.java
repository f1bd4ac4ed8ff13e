package io.quarkiverse.sqschanges.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkus.arc.DefaultBean;

/**
 * Provides the in-memory {@link DuplicateFilter} unless the application has its own.
 */
@Singleton
public class DuplicateFilterProducer {

    @Produces
    @Singleton
    @DefaultBean
    DuplicateFilter inMemoryDuplicateFilter(SqsChangesConfig config) {
        return new InMemoryDuplicateFilter(config.deduplication().window().toMillis(),
                config.deduplication().maxEntries(), System::currentTimeMillis);
    }
}
