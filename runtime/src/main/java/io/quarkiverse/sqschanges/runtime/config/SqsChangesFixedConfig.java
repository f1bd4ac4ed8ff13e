package io.quarkiverse.sqschanges.runtime.config;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * Configuration of the SQS change sources that is fixed when the application is built: the build reads it, and the
 * runtime sees the values the build saw. It shares the prefix and the queue names with {@link SqsChangesConfig},
 * which holds the queue properties read at runtime.
 */
@ConfigMapping(prefix = "quarkus.sqs-changes")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface SqsChangesFixedConfig {

    /**
     * The queues to consume, under the names their other properties are configured with.
     */
    @ConfigDocMapKey("queue")
    @ConfigDocSection
    Map<String, QueueFixedConfig> queues();

    /**
     * The properties of one queue that are fixed at build time.
     */
    interface QueueFixedConfig {

        /**
         * The name of the SQS client of the Amazon SQS extension to use, configured under
         * {@code quarkus.sqs."<client>".*}. Defaults to the default client ({@code quarkus.sqs.*}).
         * <p>
         * Fixed at build time: the build creates the client beans that the queues name. Set at runtime to another
         * value, it is ignored: the queue keeps the client it was built with, and Quarkus logs a warning at startup
         * that a build time property cannot be changed at runtime (with
         * {@code quarkus.config.build-time-mismatch-at-runtime=fail}, startup fails instead). Rebuild the
         * application after changing it.
         */
        Optional<String> client();
    }
}
