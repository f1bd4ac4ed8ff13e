package io.quarkiverse.sqschanges.deployment;

import io.quarkiverse.sqschanges.runtime.tracing.OpenTelemetryChangeTracing;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Traces each message with a consumer span when the application has an OpenTelemetry tracer
 * ({@code quarkus-opentelemetry} with tracing enabled).
 */
class SqsChangesTracingProcessor {

    @BuildStep
    AdditionalBeanBuildItem tracing(Capabilities capabilities, SqsChangesBuildTimeConfig config) {
        if (!capabilities.isPresent(Capability.OPENTELEMETRY_TRACER) || !config.tracing().enabled()) {
            return null;
        }
        return AdditionalBeanBuildItem.unremovableOf(OpenTelemetryChangeTracing.class);
    }
}
