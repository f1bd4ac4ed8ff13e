package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

class AsyncObserverTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowAsyncObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.queue-name", "async")
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.wait-time", "1s");

    @Inject
    SlowAsyncObserver observer;

    @Test
    void messageIsDeletedOnlyAfterTheAsyncObserverCompleted() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("async");
        String id = sqs.send(queueUrl, "slow work");

        assertThat(observer.started.await(10, TimeUnit.SECONDS)).isTrue();
        // the observer is still working: the message must stay on the queue all that time
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> sqs.messagesOnQueue(queueUrl) == 1);

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(observer.changes).extracting(Change::revision).containsExactly(id);
    }

    @Singleton
    static class SlowAsyncObserver {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Change> changes = new CopyOnWriteArrayList<>();

        void on(@ObservesAsync @Codebase("slow") Change change) throws InterruptedException {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            changes.add(change);
        }
    }
}
