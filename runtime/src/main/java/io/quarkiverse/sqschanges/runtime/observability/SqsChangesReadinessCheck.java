package io.quarkiverse.sqschanges.runtime.observability;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;

/**
 * Readiness of the SQS change sources: DOWN while a queue cannot be polled (SQS unreachable or answering with
 * errors) and has not succeeded for {@code quarkus.sqs-changes.health.down-after}, or has never succeeded, and while
 * the observers of a batch have outlived the queue's {@code handler-timeout}, whatever the queue's state says (a
 * paused or failing queue can have a stalled batch too), or those of a change set the {@code handler-timeout} of its
 * codebase; each queue's state, stalled batches, last success and last error are in the data, and each stalled change
 * set. Paused and disabled queues are otherwise UP.
 */
@Readiness
@ApplicationScoped
public class SqsChangesReadinessCheck implements HealthCheck {

    static final String NAME = "SQS change sources";

    @Inject
    ChangeSourceControl control;

    @Inject
    SqsChangesConfig config;

    @Inject
    ChangeSources sources;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (String queue : control.queues()) {
            QueueStatus status = control.status(queue);
            int stalled = sources.counters(queue).map(QueueCounters::stalledBatches).orElse(0);
            if (stalled > 0 || down(status)) {
                response.down();
            }
            response.withData(queue, describe(status, stalled, sources.settings().get(queue)));
        }
        ChangeSetGatherer changeSets = sources.changeSets();
        if (changeSets != null) {
            changeSets.stalled().forEach((codebase, running) -> {
                response.down();
                response.withData("change set " + codebase, "stalled: its observers have run for "
                        + running.toSeconds() + " s (" + ChangeSetSettings.property(codebase, "handler-timeout") + ")");
            });
        }
        return response.build();
    }

    private boolean down(QueueStatus status) {
        if (status.state() != QueueState.FAILING) {
            return false;
        }
        Instant deadline = Instant.now().minus(config.health().downAfter());
        return status.lastSuccess().map(lastSuccess -> !lastSuccess.isAfter(deadline)).orElse(true);
    }

    /** @param stalled the queue's stalled batches: named whatever the state, which may rank above {@code STALLED} */
    private static String describe(QueueStatus status, int stalled, QueueSettings queue) {
        StringBuilder text = new StringBuilder(status.state().name().toLowerCase());
        status.lastError().ifPresent(error -> text.append(": ").append(error));
        if (stalled > 0) {
            text.append(status.state() == QueueState.STALLED ? ": the observers of " : "; stalled: the observers of ")
                    .append(stalled).append(stalled == 1 ? " batch have" : " batches have")
                    .append(" run longer than ").append(queue.handlerTimeout()).append(" (")
                    .append(queue.property("handler-timeout")).append(")");
        }
        status.lastSuccess().ifPresent(at -> text.append("; last successful poll ").append(at));
        return text.toString();
    }
}
