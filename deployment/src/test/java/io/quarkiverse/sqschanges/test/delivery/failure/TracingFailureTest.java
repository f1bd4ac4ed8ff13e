package io.quarkiverse.sqschanges.test.delivery.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.test.delivery.heartbeat.OneBatch;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The tracer throws when it starts the span of one message of a batch: that message alone fails, as the
 * extension's own failure (kept, never fired); the other messages of the batch reach their observers, asynchronous
 * ones included, and are deleted once, as if nothing had happened.
 */
class TracingFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, SlowAsyncObserver.class,
                    BrokenTracing.class, OneBatch.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.traced.queue-name", "tracing-failure")
            .overrideConfigKey("quarkus.sqs-changes.queues.traced.wait-time", "1s")
            // a message that is not deleted comes back within a second
            .overrideConfigKey("quarkus.sqs-changes.queues.traced.visibility-timeout", "1s");

    @Inject
    ReceivedChanges received;

    @Inject
    SlowAsyncObserver async;

    @Inject
    ChangeSourceControl control;

    @Test
    void onlyTheUntraceableMessageFails() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("tracing-failure");
        List<String> ids = OneBatch.send(control, "traced", sqs, queueUrl, () -> List.of(sqs.send(queueUrl, "first"),
                sqs.send(queueUrl, BrokenTracing.UNTRACEABLE), sqs.send(queueUrl, "last")));
        String first = ids.get(0);
        String last = ids.get(2);

        await().atMost(Duration.ofSeconds(15)).until(() -> async.done.containsAll(List.of(first, last)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 1);
        // two more visibility timeouts: a message that was not deleted would be seen again by now
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> sqs.messagesOnQueue(queueUrl) == 1 && received.all().size() == 2);

        assertThat(received.all()).extracting(Change::revision).containsExactlyInAnyOrder(first, last);
        assertThat(async.done).containsExactlyInAnyOrder(first, last);
    }

    /** Stands for a tracer that breaks on one message. */
    @Singleton
    public static class BrokenTracing implements ChangeTracing {

        static final String UNTRACEABLE = "untraceable";

        @Override
        public MessageSpan start(QueueSettings queue, String queueUrl, SqsMessage message) {
            if (message.body().equals(UNTRACEABLE)) {
                throw new IllegalStateException("the tracer broke");
            }
            return NO_SPAN;
        }

        @Override
        public Executor inCurrentContext(Executor executor) {
            return null;
        }
    }

    @Singleton
    public static class SlowAsyncObserver {

        final List<String> done = new CopyOnWriteArrayList<>();

        void on(@ObservesAsync Change change) throws InterruptedException {
            Thread.sleep(300);
            done.add(change.revision());
        }
    }
}
