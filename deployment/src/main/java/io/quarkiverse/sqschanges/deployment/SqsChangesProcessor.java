package io.quarkiverse.sqschanges.deployment;

import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.runtime.ChangeDispatcher;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.dedup.DuplicateFilterProducer;
import io.quarkiverse.sqschanges.runtime.tracing.NoChangeTracing;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.scheduler.deployment.ForceStartSchedulerBuildItem;

/**
 * Registers the feature, the runtime beans that poll and dispatch, and starts the scheduler that drives polling.
 */
class SqsChangesProcessor {

    static final String FEATURE = "sqs-changes";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem runtimeBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(ChangeSources.class, ChangeDispatcher.class, DuplicateFilterProducer.class,
                        NoChangeTracing.class)
                // the qualifier must be in the bean archive index for observers to use it
                .addBeanClass(Codebase.class)
                .setUnremovable()
                .build();
    }

    /** Polling jobs are scheduled programmatically, so the scheduler must start without {@code @Scheduled} methods. */
    @BuildStep
    ForceStartSchedulerBuildItem startScheduler() {
        return new ForceStartSchedulerBuildItem();
    }
}
