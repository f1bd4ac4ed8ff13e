package io.quarkiverse.sqschanges.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkus.test.QuarkusUnitTest;

class AsyncObserverTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("async");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, SlowAsyncObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.wait-time", "1s"));

    @Inject
    SlowAsyncObserver observer;

    @Test
    void messageIsDeletedOnlyAfterTheAsyncObserverCompleted() throws InterruptedException {
        String id = SQS.send(QUEUE_URL, "slow work");

        assertThat(observer.started.await(10, TimeUnit.SECONDS)).isTrue();
        // the observer is still working: the message must still be on the queue
        Thread.sleep(1500);
        assertThat(SQS.messagesOnQueue(QUEUE_URL)).isEqualTo(1);

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
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
