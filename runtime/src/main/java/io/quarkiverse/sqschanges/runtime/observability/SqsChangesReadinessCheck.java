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
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;

/**
 * Readiness of the SQS change sources: DOWN while a queue cannot be polled (SQS unreachable or answering with
 * errors) and has not succeeded for {@code quarkus.sqs-changes.health.down-after}, or has never succeeded, and while
 * the observers of a batch have outlived the queue's {@code handler-timeout} (state {@code STALLED}), or those of a
 * change set the {@code handler-timeout} of its codebase; each queue's state, last success and last error are in the
 * data, and each stalled change set. Paused and disabled queues are UP.
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
            if (down(status)) {
                response.down();
            }
            response.withData(queue, describe(status));
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
        if (status.state() == QueueState.STALLED) {
            return true;
        }
        if (status.state() != QueueState.FAILING) {
            return false;
        }
        Instant deadline = Instant.now().minus(config.health().downAfter());
        return status.lastSuccess().map(lastSuccess -> !lastSuccess.isAfter(deadline)).orElse(true);
    }

    private static String describe(QueueStatus status) {
        StringBuilder text = new StringBuilder(status.state().name().toLowerCase());
        status.lastError().ifPresent(error -> text.append(": ").append(error));
        status.lastSuccess().ifPresent(at -> text.append("; last successful poll ").append(at));
        return text.toString();
    }
}
