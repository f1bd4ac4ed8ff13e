package io.quarkiverse.sqschanges.it.observability;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo application against a {@link StoppableSqsServer}, with fast polling and a readiness check that turns
 * DOWN one second into an outage.
 */
public class ObservabilityProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sqs-changes.devservices.enabled", "false",
                "quarkus.sqs-changes.queues.builds.wait-time", "1s",
                "quarkus.sqs-changes.health.down-after", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoppableSqsServer.class));
    }
}
