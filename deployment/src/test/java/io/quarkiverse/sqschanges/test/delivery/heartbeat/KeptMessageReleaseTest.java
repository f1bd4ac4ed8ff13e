package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A message kept after a failure, and on a FIFO queue the messages of its group held back behind it, are released
 * by the visibility heartbeat at once: another consumer gets them after their current visibility timeout (2 s
 * here), while a slow message of the same batch is still being handled and stays hidden.
 * <p>
 * The test itself is the other consumer. Without prefetch the loop receives nothing while the batch is handled, so
 * a message in flight while the first message of the batch fails was received with it: that proves one batch.
 */
class KeptMessageReleaseTest {

    private static final Duration SLOW = Duration.ofSeconds(8);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Observers.class, OneBatch.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.standard.queue-name", "kept-release")
            .overrideConfigKey("quarkus.sqs-changes.queues.standard.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.standard.prefetch", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.standard.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.fifo.queue-name", "kept-release.fifo")
            .overrideConfigKey("quarkus.sqs-changes.queues.fifo.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.fifo.prefetch", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.fifo.wait-time", "1s");

    @Inject
    Observers observers;

    @Inject
    ChangeSourceControl control;

    @Test
    void aKeptMessageIsDeliveredAgainWhileTheRestOfItsBatchIsHandled() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("kept-release");
        List<String> ids = OneBatch.send(control, "standard", sqs, queueUrl,
                () -> List.of(sqs.send(queueUrl, "fail"), sqs.send(queueUrl, "slow")));
        String fail = ids.get(0);
        String slow = ids.get(1);

        List<Message> received = competeUntilSlowIsDone(sqs, queueUrl, "fail", Set.of(fail), "slow");

        assertThat(observers.inFlightAtFailure("fail")).as("messages in flight when 'fail' failed").isEqualTo(2);
        assertThat(received).extracting(Message::messageId).containsExactly(fail).doesNotContain(slow);
        received.forEach(message -> delete(sqs, queueUrl, message));
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    @Test
    void onAFifoQueueTheHeldBackMessagesAreDeliveredAgainWhileAnotherGroupIsHandled() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("kept-release.fifo");
        // the batch comes in sending order, and is handled in it: the slow message of group B comes last
        List<String> ids = OneBatch.send(control, "fifo", sqs, queueUrl, () -> List.of(
                sqs.sendFifo(queueUrl, "fifo-fail", "A", "fail"),
                sqs.sendFifo(queueUrl, "fifo-held", "A", "held"),
                sqs.sendFifo(queueUrl, "fifo-slow", "B", "slow")));
        String fail = ids.get(0);
        String held = ids.get(1);
        String slow = ids.get(2);

        List<Message> received = competeUntilSlowIsDone(sqs, queueUrl, "fifo-fail", Set.of(fail, held),
                "fifo-slow");

        assertThat(observers.inFlightAtFailure("fifo-fail")).as("messages in flight when 'fifo-fail' failed")
                .isEqualTo(3);
        assertThat(observers.seen()).as("the held back message never reached observers").doesNotContain("fifo-held");
        assertThat(received).extracting(Message::messageId).containsExactly(fail, held).doesNotContain(slow);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    /**
     * Waits for the failure, then receives as a competing consumer: the expected messages must come within 5 s of
     * it (about 2 s is needed), while the slow message of the batch is still being handled; nothing else may come
     * until the slow message is done. On a FIFO queue a received message is deleted at once, or SQS would not
     * deliver the next of its group.
     *
     * @return the messages the test received, in order
     */
    private List<Message> competeUntilSlowIsDone(EmbeddedSqs sqs, String queueUrl, String failing,
            Set<String> expected, String slow) {
        await().atMost(Duration.ofSeconds(10)).until(() -> observers.failedAt(failing) != null);
        long failedAt = observers.failedAt(failing);
        assertThat(observers.done(slow)).isFalse();
        boolean fifo = queueUrl.endsWith(".fifo");
        List<Message> received = new CopyOnWriteArrayList<>();
        await("the released messages reach a competing consumer").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    received.addAll(receive(sqs, queueUrl, fifo));
                    return received.stream().map(Message::messageId).toList().containsAll(expected);
                });
        long receivedAfterMillis = (System.nanoTime() - failedAt) / 1_000_000;
        assertThat(receivedAfterMillis).as("milliseconds from the failure to the released messages' receipt")
                .isLessThan(5000);
        assertThat(observers.done(slow)).as("'%s' done when the released messages were received", slow).isFalse();
        await("'" + slow + "' done").atMost(SLOW.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    boolean done = observers.done(slow);
                    received.addAll(receive(sqs, queueUrl, fifo));
                    return done;
                });
        return received;
    }

    private static List<Message> receive(EmbeddedSqs sqs, String queueUrl, boolean deleteAtOnce) {
        List<Message> messages = sqs.client().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .visibilityTimeout(60).waitTimeSeconds(0)).messages();
        if (deleteAtOnce) {
            messages.forEach(message -> delete(sqs, queueUrl, message));
        }
        return messages;
    }

    private static void delete(EmbeddedSqs sqs, String queueUrl, Message message) {
        sqs.client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    @Singleton
    public static class Observers {

        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> inFlightAtFailure = new ConcurrentHashMap<>();
        private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
        private final Set<String> done = ConcurrentHashMap.newKeySet();

        /** The failing messages record, on their first delivery, how many messages of their queue are in flight. */
        void record(@Observes Change change) {
            String body = change.message().body();
            seen.add(body);
            if (body.endsWith("fail")) {
                if (change.message().receiveCount() == 1) {
                    inFlightAtFailure.put(body, EmbeddedSqs.devService().messagesInFlight(change.repository()));
                    failedAt.put(body, System.nanoTime());
                }
                throw new IllegalStateException("'" + body + "' always fails");
            }
        }

        void work(@ObservesAsync Change change) throws InterruptedException {
            String body = change.message().body();
            if (body.endsWith("slow")) {
                Thread.sleep(SLOW.toMillis());
                done.add(body);
            }
        }

        List<String> seen() {
            return seen;
        }

        Integer inFlightAtFailure(String body) {
            return inFlightAtFailure.get(body);
        }

        Long failedAt(String body) {
            return failedAt.get(body);
        }

        boolean done(String body) {
            return done.contains(body);
        }
    }
}
