package io.quarkiverse.sqschanges.deployment;

import org.jboss.jandex.DotName;

import io.quarkiverse.sqschanges.runtime.dedup.AgroalDuplicateFilters;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Offers the duplicate filter on the application's datasource ({@code quarkus.sqs-changes.deduplication.store=
 * datasource}) when the application has {@code quarkus-agroal}; without it, no class that names an Agroal type is
 * ever loaded, and choosing that store fails startup, naming the extension to add.
 */
class SqsChangesDeduplicationProcessor {

    /** Named, not referenced: the deployment module does not depend on Agroal. */
    static final DotName AGROAL_DATA_SOURCE = DotName.createSimple("io.agroal.api.AgroalDataSource");

    @BuildStep
    AdditionalBeanBuildItem datasourceFilter(Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.AGROAL)) {
            return null;
        }
        return AdditionalBeanBuildItem.unremovableOf(AgroalDuplicateFilters.class);
    }

    /** The filter looks its datasource up by name at runtime, so no injection point keeps the bean. */
    @BuildStep
    UnremovableBeanBuildItem keepDataSources(Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.AGROAL)) {
            return null;
        }
        return UnremovableBeanBuildItem.beanTypes(AGROAL_DATA_SOURCE);
    }
}
