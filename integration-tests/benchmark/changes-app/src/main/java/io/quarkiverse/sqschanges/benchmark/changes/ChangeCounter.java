package io.quarkiverse.sqschanges.benchmark.changes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.benchmark.common.Observations;

/** Observes every change; its message is deleted once this returns. */
@ApplicationScoped
public class ChangeCounter {

    @Inject
    Observations observations;

    void onChange(@Observes Change change) {
        observations.observed(change.message().body());
    }
}
