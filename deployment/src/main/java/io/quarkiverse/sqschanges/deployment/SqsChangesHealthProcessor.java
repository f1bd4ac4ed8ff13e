package io.quarkiverse.sqschanges.deployment;

import io.quarkiverse.sqschanges.runtime.observability.SqsChangesReadinessCheck;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * Registers the readiness check; SmallRye Health uses it only when the application has that extension.
 */
class SqsChangesHealthProcessor {

    @BuildStep
    HealthBuildItem readinessCheck(SqsChangesBuildTimeConfig config) {
        return new HealthBuildItem(SqsChangesReadinessCheck.class.getName(), config.health().enabled());
    }
}
