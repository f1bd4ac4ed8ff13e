package io.quarkiverse.sqschanges.benchmark.smallrye;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkiverse.sqschanges.benchmark.common.Observations;

/**
 * Consumes the measured channel {@code bench} and the channel {@code warmup}, the same way; each message is
 * acknowledged (deleted) once its method returns.
 */
@ApplicationScoped
public class MessageCounter {

    @Inject
    Observations observations;

    @Incoming("bench")
    void consume(String body) {
        observations.observed(body);
    }

    @Incoming("warmup")
    void warmUp(String body) {
        observations.observed(body);
    }
}
