package io.quarkiverse.sqschanges.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An idle queue is long-polled at a steady pace, and an unreachable SQS is retried with back-off, not in a loop.
 */
class NoBusyLoopTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String IDLE_URL = SQS.createQueue("idle");
    static final CountingProxy IDLE_PROXY = CountingProxy.shared("idle", SQS.endpoint());
    static final CountingProxy DEAD_PROXY = deadProxy();

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, CountingProxy.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", IDLE_PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs.dead.endpoint-override", DEAD_PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.url", IDLE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.idle.poll-interval", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.unreachable.url", IDLE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.unreachable.client", "dead");

    static CountingProxy deadProxy() {
        CountingProxy proxy = CountingProxy.shared("dead", SQS.endpoint());
        proxy.setDown(true);
        return proxy;
    }

    @Test
    void idleAndFailingQueuesArePolledAtAMeasuredPace() throws InterruptedException {
        int idleBefore = IDLE_PROXY.requests("ReceiveMessage");
        int deadBefore = DEAD_PROXY.connections();

        Thread.sleep(8000);

        int idleReceives = IDLE_PROXY.requests("ReceiveMessage") - idleBefore;
        int deadAttempts = DEAD_PROXY.connections() - deadBefore;
        // one 1 s long poll, then a 1 s pause: about 4 receives in 8 s; a loop would make hundreds
        assertThat(idleReceives).isBetween(2, 8);
        // runs are spaced by the back-off (its growth is unit-tested in PollingBackoffTest); each run makes the
        // SDK's few attempts, each a connection or two: some dozens, where a loop without pause makes thousands
        assertThat(deadAttempts).isBetween(1, 150);
    }
}
