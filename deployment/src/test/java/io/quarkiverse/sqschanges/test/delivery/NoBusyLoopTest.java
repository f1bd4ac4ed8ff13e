package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An idle queue is long-polled at a steady pace, and an unreachable SQS is retried with back-off, not in a loop.
 */
class NoBusyLoopTest {

    // a hand-started server behind counting proxies (one of them down), which the Dev Service cannot offer
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String IDLE_URL = SQS.createQueue("idle");
    static final SqsProxy IDLE_PROXY = SqsProxy.shared("idle", SQS.endpoint());
    static final SqsProxy DEAD_PROXY = SqsProxy.sharedDown("dead", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withEmptyApplication())
            .overrideConfigKey("quarkus.sqs.endpoint-override", IDLE_PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs.dead.endpoint-override", DEAD_PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.url", IDLE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.poll-interval", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.unreachable.url", IDLE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.unreachable.client", "dead");

    @Inject
    MeterRegistry registry;

    @Test
    void idleAndFailingQueuesArePolledAtAMeasuredPace() throws InterruptedException {
        int idleBefore = IDLE_PROXY.count("ReceiveMessage");
        double failedBefore = failedReceives();

        Thread.sleep(8000);

        int idleReceives = IDLE_PROXY.count("ReceiveMessage") - idleBefore;
        double failedReceives = failedReceives() - failedBefore;
        // one 1 s long poll, then a 1 s pause: about 4 receives in 8 s; a loop would make hundreds
        assertThat(idleReceives).isBetween(2, 8);
        // the back-off doubles from 1 s (capped at 1 min): a handful of failed receives in 8 s, not thousands
        assertThat(failedReceives).isBetween(1.0, 8.0);
    }

    private double failedReceives() {
        return registry.find("sqs.changes.requests")
                .tags("queue", "unreachable", "action", "receive", "outcome", "error")
                .functionCounter().count();
    }
}
