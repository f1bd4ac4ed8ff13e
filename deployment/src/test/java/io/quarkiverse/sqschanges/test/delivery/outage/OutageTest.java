package io.quarkiverse.sqschanges.test.delivery.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * SQS becomes unreachable for 10 s in the middle of a stream (the proxy between the application and the server
 * drops every connection), then comes back on the same address: polling backs off, resumes by itself, and every
 * message sent before, during and after is observed.
 * <p>
 * A request cut mid-way may have reached SQS (a receive whose answer was lost, a delete that SQS applied or not):
 * such a message comes back after its visibility timeout, kept short here, and is then handled again. That is
 * at-least-once delivery, so the test waits for the queue to drain rather than expecting it at once.
 * <p>
 * The outage is logged once when polling starts failing and once when it works again, not on every attempt.
 */
class OutageTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("outage");
    static final SqsProxy PROXY = SqsProxy.shared("outage", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.stream.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.stream.wait-time", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.stream.visibility-timeout", "5s")
            .setLogRecordPredicate(
                    r -> r.getLoggerName().equals("io.quarkiverse.sqschanges.runtime.polling.PollingBackoff"))
            .assertLogRecords(records -> outageLoggedOncePerStateChange(records, "stream"));

    @Inject
    ReceivedChanges received;

    @Test
    void nothingIsLostAcrossAnOutage() throws InterruptedException {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(SQS.send(QUEUE_URL, "before-" + i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> received.all().size() >= 20);

        PROXY.setDown(true);
        for (int i = 0; i < 10; i++) {
            sent.add(SQS.send(QUEUE_URL, "during-" + i));
            Thread.sleep(1000);
        }
        PROXY.setDown(false);
        for (int i = 0; i < 20; i++) {
            sent.add(SQS.send(QUEUE_URL, "after-" + i));
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> received.all().stream().map(Change::revision).toList().containsAll(sent));
        assertThat(received.all()).extracting(Change::revision).containsAll(sent);
        // a message whose delete was cut off reappears after the 5 s visibility timeout plus a back-off step
        await().atMost(Duration.ofSeconds(40)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
    }

    /** One warning when polling starts failing and one notice when it works again, not one per attempt. */
    static void outageLoggedOncePerStateChange(List<LogRecord> records, String queue) {
        assertThat(records).as("log records of PollingBackoff")
                .extracting(r -> r.getLevel().intValue(), OutageTest::message)
                .containsExactly(
                        tuple(Level.WARNING.intValue(), "Polling of queue '" + queue + "' failed"),
                        tuple(Level.INFO.intValue(), "Polling of queue '" + queue + "' works again"));
    }

    /** @return the start of the message, up to what depends on the failure */
    static String message(LogRecord record) {
        return LogRecords.text(record).replaceAll("(?s)^(Polling of queue '[^']*' (failed|works again)).*", "$1");
    }
}
