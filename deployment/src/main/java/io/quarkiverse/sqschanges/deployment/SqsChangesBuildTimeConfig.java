package io.quarkiverse.sqschanges.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time settings of the SQS change sources.
 */
@ConfigMapping(prefix = "quarkus.sqs-changes")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SqsChangesBuildTimeConfig {

    /**
     * Health checks.
     */
    Health health();

    /**
     * Metrics.
     */
    Metrics metrics();

    /**
     * Tracing.
     */
    Tracing tracing();

    /**
     * Tracing.
     */
    interface Tracing {

        /**
         * Whether each message is handled in an OpenTelemetry consumer span, {@code process <queue>}, child of the
         * producer's span when the message carries its context (when the application has
         * {@code quarkus-opentelemetry} with tracing enabled).
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Metrics.
     */
    interface Metrics {

        /**
         * Whether each queue's counters and timings are published to Micrometer (when the application has
         * {@code quarkus-micrometer}), as {@code sqs.changes.*} meters tagged with the queue.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Health checks.
     */
    interface Health {

        /**
         * Whether a readiness check reports the queues (when the application has {@code quarkus-smallrye-health}):
         * DOWN while a queue cannot be polled.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
