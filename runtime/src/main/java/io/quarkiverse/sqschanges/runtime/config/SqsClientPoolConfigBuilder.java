package io.quarkiverse.sqschanges.runtime.config;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Adds {@link SqsClientPoolDefaults} to the runtime configuration.
 */
public final class SqsClientPoolConfigBuilder implements ConfigBuilder {

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withSources(new SqsClientPoolDefaults());
    }
}
