package io.quarkiverse.sqschanges.deployment;

import java.util.Optional;

import io.quarkiverse.sqschanges.runtime.observability.SqsChangesMetrics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/**
 * Publishes the queues' counters and timings when the application has Micrometer.
 */
class SqsChangesMetricsProcessor {

    @BuildStep
    AdditionalBeanBuildItem metrics(Optional<MetricsCapabilityBuildItem> metricsCapability,
            SqsChangesBuildTimeConfig config) {
        if (metricsCapability.isEmpty() || !metricsCapability.get().metricsSupported(MetricsFactory.MICROMETER)
                || !config.metrics().enabled()) {
            return null;
        }
        return AdditionalBeanBuildItem.unremovableOf(SqsChangesMetrics.class);
    }
}
