package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WorkerRefusalsTest {

    private static final RejectedExecutionException FULL = new RejectedExecutionException("pool full");

    @Test
    void refusalsWithinAPauseCountOnceAndLaterOnesDoubleIt() {
        WorkerRefusals refusals = new WorkerRefusals("orders", "quarkus.sqs-changes.queues.orders.concurrency");
        for (int i = 0; i < 10; i++) {
            refusals.refused(FULL); // the ten messages of one batch
        }
        assertThat(refusals.pausing()).isTrue();
        assertThat(refusals.pauseNanos()).as("one batch's refusals").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        await().atMost(Duration.ofSeconds(2)).until(() -> !refusals.pausing());
        refusals.refused(FULL);
        assertThat(refusals.pauseNanos()).as("refused again after the pause").isEqualTo(
                TimeUnit.MILLISECONDS.toNanos(200));

        await().atMost(Duration.ofSeconds(2)).until(() -> !refusals.pausing());
        refusals.accepted();
        refusals.refused(FULL);
        assertThat(refusals.pauseNanos()).as("refusing anew, after the pool took a task").isEqualTo(
                TimeUnit.MILLISECONDS.toNanos(100));
    }
}
