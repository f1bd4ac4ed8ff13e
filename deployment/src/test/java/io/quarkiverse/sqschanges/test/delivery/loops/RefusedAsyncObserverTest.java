package io.quarkiverse.sqschanges.test.delivery.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The worker pool refuses to run a message's asynchronous observers (two threads, one blocked by the test and one
 * handling the batch, and a queue of one that the synchronous observer fills): that is no observer's failure, so the
 * message is not deleted although the queue says {@code on-failure=delete}; it is made visible again at once (well
 * within its 30 s visibility timeout), counted as a refusal, and its asynchronous observer sees it on the next
 * delivery.
 */
class RefusedAsyncObserverTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Observers.class))
            .overrideConfigKey("quarkus.thread-pool.core-threads", "2")
            .overrideConfigKey("quarkus.thread-pool.max-threads", "2")
            .overrideConfigKey("quarkus.thread-pool.queue-size", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.async-refused.queue-name", "async-refused")
            .overrideConfigKey("quarkus.sqs-changes.queues.async-refused.on-failure", "delete")
            .overrideConfigKey("quarkus.sqs-changes.queues.async-refused.wait-time", "1s")
            .setLogRecordPredicate(LogRecords::isError)
            .assertLogRecords(records -> assertThat(records).map(LogRecords::summary)
                    .as("errors (a refusal is no observer's failure)").isEmpty());

    @Inject
    Observers observers;

    @Inject
    ExecutorService pool;

    @Inject
    MeterRegistry registry;

    @Test
    void aMessageWhoseAsyncObserversAreRefusedIsKeptAndObservedLater() throws InterruptedException {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // one of the pool's two threads is taken until the end: the other one handles the batch
        pool.execute(() -> {
            blocking.countDown();
            waitFor(release);
        });
        assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
        observers.pool = pool;
        try {
            EmbeddedSqs sqs = EmbeddedSqs.devService();
            String queueUrl = sqs.queueUrl("async-refused");
            sqs.send(queueUrl, "refused once");

            await().atMost(Duration.ofSeconds(10)).until(() -> observers.async.contains("refused once"));
            await().atMost(Duration.ofSeconds(5)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
            assertThat(observers.sync).as("synchronous observations: the refused delivery and the next one")
                    .hasSizeGreaterThanOrEqualTo(2).containsOnly("refused once");
            assertThat(observers.async).containsExactly("refused once");
            assertThat(registry.get("sqs.changes.refusals").tags("queue", "async-refused").functionCounter().count())
                    .as("sqs.changes.refusals").isGreaterThanOrEqualTo(1);
            assertThat(registry.get("sqs.changes.messages.failed").tags("queue", "async-refused", "reason", "observer")
                    .functionCounter().count()).as("messages failed by an observer").isZero();
        } finally {
            release.countDown();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The synchronous observer fills the pool's queue on the first delivery (with a task that waits for a free
     * thread), so that the asynchronous observers fired right after it are refused.
     */
    @Singleton
    public static class Observers {

        final List<String> sync = new CopyOnWriteArrayList<>();
        final List<String> async = new CopyOnWriteArrayList<>();
        final AtomicBoolean filled = new AtomicBoolean();
        volatile ExecutorService pool;

        void onSync(@Observes Change change) {
            sync.add((String) change.properties().get("sqs_body"));
            if (filled.compareAndSet(false, true)) {
                try {
                    pool.execute(() -> {
                    });
                } catch (RejectedExecutionException e) {
                    // filled already
                }
            }
        }

        void onAsync(@ObservesAsync Change change) {
            async.add((String) change.properties().get("sqs_body"));
        }
    }
}
