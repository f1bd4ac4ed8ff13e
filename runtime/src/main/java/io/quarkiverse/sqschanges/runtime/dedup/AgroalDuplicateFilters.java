package io.quarkiverse.sqschanges.runtime.dedup;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.sqschanges.runtime.config.ConfigNames;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.Deduplication;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

/**
 * The duplicate filter on an Agroal datasource: registered by the build only when the application has
 * {@code quarkus-agroal}.
 */
@Singleton
public class AgroalDuplicateFilters implements DatasourceDuplicateFilters {

    private static final Logger LOG = Logger.getLogger(AgroalDuplicateFilters.class);
    static final String DATASOURCE = ConfigNames.PREFIX + ".deduplication.datasource";

    @Override
    public JdbcDuplicateFilter create(Deduplication config, List<String> problems) {
        String name = config.datasource().map(String::trim).orElse(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
        boolean isDefault = DataSourceUtil.isDefault(name);
        String description = isDefault ? "the default datasource" : "datasource '" + name + "'";
        String configured = isDefault ? "quarkus.datasource.db-kind and quarkus.datasource.jdbc.url"
                : "quarkus.datasource.\"" + name + "\".db-kind and .jdbc.url";
        if (!AgroalDataSourceUtil.dataSourceInstance(name).isResolvable()) {
            problems.add(ConfigNames.PREFIX + ".deduplication.store=datasource needs " + description
                    + ", which is not configured: configure " + configured
                    + (isDefault ? ", or name another datasource with " + DATASOURCE : ", or fix " + DATASOURCE));
            return null;
        }
        Optional<AgroalDataSource> dataSource = AgroalDataSourceUtil.dataSourceIfActive(name);
        if (dataSource.isEmpty()) {
            problems.add(ConfigNames.PREFIX + ".deduplication.store=datasource needs " + description
                    + ", which is not active (no JDBC URL, or deactivated): configure " + configured
                    + ", or set " + ConfigNames.PREFIX + ".deduplication.store=memory");
            return null;
        }
        JdbcDuplicateFilter filter = new JdbcDuplicateFilter(dataSource.get(), description, config.table().trim());
        try {
            filter.start();
        } catch (IllegalStateException e) {
            // the database is down at startup: the first claims create the table when it is back
            LOG.warnf("%s; messages of queues with deduplicate=true are handled without the duplicate check until"
                    + " it can be used", e.getMessage());
        }
        filter.maintain(config.retention(), config.cleanupInterval(), config.cleanupBatchSize());
        return filter;
    }
}
