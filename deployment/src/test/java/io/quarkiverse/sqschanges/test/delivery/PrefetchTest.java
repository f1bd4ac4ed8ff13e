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

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code prefetch} (the default) a receive loop has its next batch received while it handles the current one;
 * the waiting batch is kept hidden by the heartbeat, and is handled after the current one, not beside it. Without
 * prefetch, nothing more is received while a batch is handled; nor without the heartbeat, which a waiting batch needs
 * to stay hidden. Batches are one message each here.
 */
class PrefetchTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BlockingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetching.queue-name", "prefetching")
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetching.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetching.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.prefetching.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.one-at-a-time.queue-name", "one-at-a-time")
            .overrideConfigKey("quarkus.sqs-changes.queues.one-at-a-time.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.one-at-a-time.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.one-at-a-time.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.one-at-a-time.prefetch", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.no-heartbeat.queue-name", "no-heartbeat")
            .overrideConfigKey("quarkus.sqs-changes.queues.no-heartbeat.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.no-heartbeat.visibility-timeout", "20s")
            .overrideConfigKey("quarkus.sqs-changes.queues.no-heartbeat.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.no-heartbeat.visibility-heartbeat", "false");

    @Inject
    BlockingObserver observer;

    @Test
    void theNextBatchIsReceivedWhileOneIsHandledAndWaitsHidden() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String prefetchingUrl = sqs.queueUrl("prefetching");
        String oneAtATimeUrl = sqs.queueUrl("one-at-a-time");
        String noHeartbeatUrl = sqs.queueUrl("no-heartbeat");
        for (String url : List.of(prefetchingUrl, oneAtATimeUrl, noHeartbeatUrl)) {
            sqs.send(url, "first");
            sqs.send(url, "second");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.started("prefetching").size() == 1
                && observer.started("one-at-a-time").size() == 1 && observer.started("no-heartbeat").size() == 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> sqs.messagesInFlight(prefetchingUrl) == 2);
        // for more than twice the visibility timeout (2 s, beaten every second: a beat may come late by nearly a
        // second): the waiting batch stays hidden and unhandled, and the queue without prefetch receives nothing more
        long until = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < until) {
            assertThat(sqs.messagesInFlight(prefetchingUrl)).as("in flight, prefetching").isEqualTo(2);
            assertThat(sqs.messagesInFlight(oneAtATimeUrl)).as("in flight, no prefetch").isEqualTo(1);
            assertThat(sqs.messagesInFlight(noHeartbeatUrl)).as("in flight, no heartbeat").isEqualTo(1);
            Thread.sleep(200);
        }
        assertThat(observer.started("prefetching")).hasSize(1);
        assertThat(observer.started("one-at-a-time")).hasSize(1);

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(prefetchingUrl) == 0
                && sqs.messagesOnQueue(oneAtATimeUrl) == 0 && sqs.messagesOnQueue(noHeartbeatUrl) == 0);
        assertThat(observer.started("prefetching")).containsExactlyInAnyOrder("first", "second");
        assertThat(observer.started("one-at-a-time")).containsExactlyInAnyOrder("first", "second");
        assertThat(observer.started("no-heartbeat")).containsExactlyInAnyOrder("first", "second");
    }

    @Singleton
    static class BlockingObserver {

        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, List<String>> startedByQueue = new ConcurrentHashMap<>();

        List<String> started(String queue) {
            return startedByQueue.computeIfAbsent(queue, name -> new CopyOnWriteArrayList<>());
        }

        void on(@Observes Change change) throws InterruptedException {
            started(change.queue()).add(change.properties().get("sqs_body").toString());
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
