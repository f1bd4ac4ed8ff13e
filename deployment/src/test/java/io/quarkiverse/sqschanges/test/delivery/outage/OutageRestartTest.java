package io.quarkiverse.sqschanges.test.delivery.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The SQS server itself stops for 10 s in the middle of a stream, and a new one starts on the same port with the
 * queue created again: polling backs off, logs the outage once when it begins and once when it ends, resumes by
 * itself, and every message that was sent is observed.
 * <p>
 * A sender keeps sending throughout; while the server is down, its message cannot be sent and is retried until the
 * new server takes it. The server keeps its messages in memory, so the test lets the application catch up before
 * stopping it: a message that the old server took but nobody received would be lost with that server, not by the
 * application.
 */
class OutageRestartTest {

    static final String QUEUE = "outage-restart";
    // a hand-started server of its own, which the test stops and starts again on its port
    static final EmbeddedSqs SQS = EmbeddedSqs.shared("outage-restart");
    static final String QUEUE_URL = SQS.createQueue(QUEUE);

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.restart.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.restart.wait-time", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.restart.visibility-timeout", "5s")
            .setLogRecordPredicate(
                    r -> r.getLoggerName().equals("io.quarkiverse.sqschanges.runtime.polling.PollingBackoff"))
            .assertLogRecords(records -> OutageTest.outageLoggedOncePerStateChange(records, "restart"));

    @Inject
    ReceivedChanges received;

    @Test
    void everyMessageSentIsObservedAcrossAServerRestart() throws InterruptedException {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicInteger failedSends = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        ReentrantLock gate = new ReentrantLock();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; sending.get(); i++) {
                    gate.lock();
                    try {
                        sent.add(sendUntilTaken("message-" + i, failedSends));
                    } finally {
                        gate.unlock();
                    }
                    sleep(100);
                }
            } catch (Throwable e) {
                senderFailure.set(e);
            }
        }, "outage-restart-sender");
        sender.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> sent.size() >= 20);
        gate.lock();
        await().atMost(Duration.ofSeconds(15)).until(() -> observed().containsAll(sent));
        int sentBefore = sent.size();
        SQS.stop();
        gate.unlock();

        Thread.sleep(10_000);
        int sentDuring = sent.size() - sentBefore;
        SQS.restart();
        SQS.createQueue(QUEUE);
        await().atMost(Duration.ofSeconds(15)).until(() -> sent.size() >= sentBefore + 20);
        sending.set(false);
        sender.join(10_000);
        assertThat(senderFailure.get()).as("the sender's failure").isNull();
        assertThat(sender.isAlive()).as("the sender still running").isFalse();

        assertThat(failedSends).as("sends refused while the server was down").hasPositiveValue();
        assertThat(sentDuring).as("messages the stopped server took").isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> observed().containsAll(sent));
        await().atMost(Duration.ofSeconds(30)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
    }

    private List<String> observed() {
        return received.all().stream().map(Change::revision).toList();
    }

    private static String sendUntilTaken(String body, AtomicInteger failedSends) {
        while (true) {
            try {
                return SQS.send(QUEUE_URL, body);
            } catch (SdkException e) {
                failedSends.incrementAndGet();
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
