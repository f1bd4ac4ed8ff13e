package io.quarkiverse.sqschanges.runtime.dedup;

import java.util.List;

import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.Deduplication;

/**
 * Makes the duplicate filter on the application's datasource. Its one implementation uses Agroal and is a bean only
 * when the application has {@code quarkus-agroal}: this interface, which names no Agroal type, is what the rest of
 * the extension sees.
 */
public interface DatasourceDuplicateFilters {

    /**
     * @param problems collects what is wrong with the configuration, each naming its property and the fix
     * @return the started filter, or {@code null} if there were problems
     */
    JdbcDuplicateFilter create(Deduplication config, List<String> problems);
}
