package io.quarkiverse.sqschanges.test.delivery.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A worker pool that refuses tasks (two threads, a queue of one, all taken by blocked observers): the batch it
 * refuses is made visible again, a WARN says why, the queue pauses receiving instead of receiving what the pool
 * would refuse again, and once the pool has room every message is observed once and deleted.
 */
class RefusedWorkerTest {

    static final String LOGGER = "io.quarkiverse.sqschanges.runtime.polling.WorkerRefusals";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BlockingObserver.class))
            .overrideConfigKey("quarkus.thread-pool.core-threads", "1")
            .overrideConfigKey("quarkus.thread-pool.max-threads", "2")
            .overrideConfigKey("quarkus.thread-pool.queue-size", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.refused.queue-name", "refused")
            .overrideConfigKey("quarkus.sqs-changes.queues.refused.concurrency", "4")
            .overrideConfigKey("quarkus.sqs-changes.queues.refused.max-messages", "1")
            // one batch per loop at a time: batches received ahead would wait in their loop, not reach the pool
            .overrideConfigKey("quarkus.sqs-changes.queues.refused.prefetch-batches", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.refused.wait-time", "1s")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(LOGGER))
            .assertLogRecords(records -> assertThat(records.stream().filter(LogRecords::isAboveDebug)
                    .map(LogRecords::text).filter(text -> text.contains("refused to run a task of queue 'refused'")
                            && text.contains("quarkus.thread-pool.max-threads"))
                    .toList()).as("WARN records about the refused task").isNotEmpty());

    @Inject
    BlockingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Inject
    MeterRegistry registry;

    @Test
    void aRefusedBatchComesBackAndNothingIsLost() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("refused");
        List<String> bodies = List.of("m1", "m2", "m3", "m4", "m5", "m6");
        bodies.forEach(body -> sqs.send(queueUrl, body));
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.blocked.get() == 2 && refusals() > 0);
        // the queue pauses while the pool is full; it does not spin on receives whose batches are refused again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> refusals() < 30);

        observer.release.countDown();
        // a refused batch is visible again at once: all is observed well within the queue's 30 s visibility timeout,
        // which a refused batch left hidden would wait out (refused a few seconds before the release, it would come
        // back over 20 s after it)
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.seen.containsAll(bodies));
        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.duplicates.get()).as("changes observed twice").isZero();
        assertThat(control.status("refused").state()).isEqualTo(QueueState.POLLING);
    }

    private double refusals() {
        return registry.get("sqs.changes.refusals").tags("queue", "refused").functionCounter().count();
    }

    /** Blocks every change until released. */
    @Singleton
    public static class BlockingObserver {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger duplicates = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger blocked = new AtomicInteger();

        void on(@Observes Change change) throws InterruptedException {
            if (!seen.add((String) change.properties().get("sqs_body"))) {
                duplicates.incrementAndGet();
            }
            blocked.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
        }
    }
}
