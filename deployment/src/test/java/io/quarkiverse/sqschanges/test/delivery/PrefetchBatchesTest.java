package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.Latency;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With a backlog, a receive loop keeps {@code prefetch-batches} receives in flight and holds at most that many batches
 * ahead of the one it handles, each kept hidden by the heartbeat while it waits; it handles them one after the
 * other, every message once, and deletes them all. The application reaches SQS through a proxy that delays every
 * answer (log-normal, median 5 ms), so that overlapping receives come back out of order.
 */
class PrefetchBatchesTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String HELD_URL = SQS.createQueue("prefetch-batches-held");
    static final String BUSY_URL = SQS.createQueue("prefetch-batches-busy");
    static final SqsProxy PROXY = SqsProxy.shared("prefetch-batches", SQS.endpoint());
    static final int HELD = 100;
    static final int BUSY = 400;

    static {
        PROXY.setLatency(Latency.logNormal(Duration.ofMillis(5), Duration.ofMillis(40), 15));
        // this class is initialized twice (JUnit and the application): send once, before the application starts, so
        // that the first receives come back full
        if (System.getProperty("sqs-changes.test.prefetch-batches.sent") == null) {
            System.setProperty("sqs-changes.test.prefetch-batches.sent", "true");
            for (int i = 0; i < HELD; i++) {
                SQS.send(HELD_URL, "held-" + i);
            }
            for (int i = 0; i < BUSY; i++) {
                SQS.send(BUSY_URL, "busy-" + i);
            }
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingObserver.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.held.url", HELD_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.held.prefetch-batches", "3")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.held.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.url", BUSY_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.concurrency", "2")
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.prefetch-batches", "4")
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.busy.wait-time", "1s");

    @Inject
    RecordingObserver observer;

    @Test
    void batchesReceivedAheadWaitHiddenAndAreHandledOnceInTurn() throws InterruptedException {
        // the first batch's first message holds the loop; three full batches are received behind it
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesInFlight(HELD_URL) == 40);
        long until = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < until) {
            // for two and a half visibility timeouts (2 s, beaten every second): the heartbeat keeps all four batches
            // hidden, and no more is received
            assertThat(SQS.messagesInFlight(HELD_URL)).as("in flight: the batch handled and three ahead").isEqualTo(40);
            assertThat(SQS.messagesOnQueue(HELD_URL)).as("on the queue, visible or not").isEqualTo(HELD);
            Thread.sleep(200);
        }
        assertThat(observer.started("held")).as("observed while the first batch is held: only its own messages")
                .hasSizeLessThanOrEqualTo(10);

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> observer.started("held").size() >= HELD
                && SQS.messagesOnQueue(HELD_URL) == 0);
        assertThat(observer.started("held")).as("every message once").doesNotHaveDuplicates().hasSize(HELD);
        assertThat(observer.concurrent("held")).as("batches handled one after the other").isEqualTo(1);
    }

    @Test
    void aBacklogIsDrainedWithOverlappingReceivesEveryMessageOnce() {
        await().atMost(Duration.ofSeconds(30)).until(() -> observer.started("busy").size() >= BUSY
                && SQS.messagesOnQueue(BUSY_URL) == 0);
        assertThat(observer.started("busy")).as("every message once").doesNotHaveDuplicates().hasSize(BUSY);
        assertThat(PROXY.count("DeleteMessage")).as("single deletes").isZero();
        long deletes = PROXY.requests("prefetch-batches-busy").stream()
                .filter(r -> r.action().equals("DeleteMessageBatch")).count();
        assertThat(deletes).as("deletes, ten messages each").isBetween((long) BUSY / 10, (long) BUSY / 10 + 15);
        assertThat(observer.concurrent("busy")).as("one batch at a time in each of the two loops").isLessThanOrEqualTo(2);
    }

    @Singleton
    static class RecordingObserver {

        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, List<String>> startedByQueue = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> runningByQueue = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> mostRunningByQueue = new ConcurrentHashMap<>();

        List<String> started(String queue) {
            return startedByQueue.computeIfAbsent(queue, name -> new CopyOnWriteArrayList<>());
        }

        int concurrent(String queue) {
            return mostRunningByQueue.computeIfAbsent(queue, name -> new AtomicInteger()).get();
        }

        void on(@Observes Change change) throws InterruptedException {
            String queue = change.queue();
            int running = runningByQueue.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
            mostRunningByQueue.computeIfAbsent(queue, name -> new AtomicInteger()).accumulateAndGet(running, Math::max);
            try {
                List<String> started = started(queue);
                started.add(change.message().body());
                if (queue.equals("held") && started.size() == 1) {
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                runningByQueue.get(queue).decrementAndGet();
            }
        }
    }
}
