package io.quarkiverse.sqschanges.test.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With Micrometer, each queue's counts and timings are meters tagged with the queue.
 */
class MetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PickyObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.metered.queue-name", "metered")
            .overrideConfigKey("quarkus.sqs-changes.queues.metered.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.metered.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.metered.invalid-message", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.metered.on-failure", "delete");

    @Inject
    MeterRegistry registry;

    @Test
    void countsAndTimingsPerQueue() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("metered");
        for (int i = 0; i < 5; i++) {
            sqs.send(queueUrl, "{\"n\":" + i + "}");
        }
        sqs.send(queueUrl, "not json");
        sqs.send(queueUrl, "{\"reject\":true}");

        await().atMost(Duration.ofSeconds(15)).until(() -> count("sqs.changes.messages.deleted") == 7);
        assertThat(count("sqs.changes.messages.received")).isEqualTo(7);
        assertThat(count("sqs.changes.changes.fired")).isEqualTo(6);
        assertThat(registry.get("sqs.changes.messages.failed").tags("queue", "metered", "reason", "invalid")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("sqs.changes.messages.failed").tags("queue", "metered", "reason", "observer")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("sqs.changes.requests").tags("queue", "metered", "action", "receive", "outcome",
                "success").functionCounter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("sqs.changes.lag").tags("queue", "metered").timer().count()).isEqualTo(7);
        assertThat(registry.get("sqs.changes.handling").tags("queue", "metered").timer().count()).isEqualTo(6);
    }

    private double count(String name) {
        return registry.get(name).tags("queue", "metered").functionCounter().count();
    }

    @Singleton
    static class PickyObserver {

        void on(@Observes Change change) {
            if (change.properties().containsKey("reject")) {
                throw new IllegalStateException("rejected on purpose");
            }
        }
    }
}
