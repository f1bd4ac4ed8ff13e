package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkiverse.sqschanges.testkit.SqsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The visibility heartbeat against a real SQS server: a message held past its batch (its change waits in a change
 * set) stays hidden while the batch's others come back; a batch is kept hidden no longer than SQS allows after
 * receipt, and the heartbeat says so at WARN when it stops extending.
 */
class VisibilityHeartbeatTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.start();
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    static final SqsAsyncClient ASYNC = SqsClients.async(SQS.endpoint());

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
        ASYNC.close();
        SQS.close();
    }

    /** @param maxHiddenSeconds how long after receipt SQS would keep a message hidden at most */
    private static VisibilityHeartbeat heartbeat(String queue, int maxHiddenSeconds) {
        return new VisibilityHeartbeat(new VisibilityChanger(ASYNC, queue, new QueueCounters()), TIMER, queue,
                maxHiddenSeconds);
    }

    /**
     * A message held past its batch goes on being kept hidden after the batch's beat is stopped, while the batch's
     * other messages are not; once its hold is stopped, it comes back. A beat that is stopped holds nothing more.
     */
    @Test
    void aHeldMessageStaysHiddenAfterItsBatch() {
        String queueUrl = SQS.createQueue("hold", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        SQS.send(queueUrl, "held");
        SQS.send(queueUrl, "settled");
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            received.addAll(SQS.receiveVisible(queueUrl, 1));
            return received.size() == 2;
        });
        Message held = received.stream().filter(m -> m.body().equals("held")).findFirst().orElseThrow();

        VisibilityHeartbeat.Beat beat = heartbeat("hold", 3600).start(queueUrl, received, 1);
        VisibilityHeartbeat.Hold hold = beat.hold(held);
        beat.stop();
        assertThatThrownBy(() -> beat.hold(received.get(0))).isInstanceOf(IllegalStateException.class);

        // the batch's other message comes back after its 1 s timeout; the held one stays hidden
        List<Message> back = new ArrayList<>();
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> {
            back.addAll(SQS.receiveVisible(queueUrl, 30));
            return !back.isEmpty();
        });
        assertThat(back).extracting(Message::body).containsExactly("settled");
        assertThat(SQS.messagesInFlight(queueUrl)).isEqualTo(2);

        hold.stop().join();
        await().atMost(Duration.ofSeconds(5)).until(() -> SQS.receiveVisible(queueUrl, 30).size() == 1);
    }

    /**
     * The heartbeat keeps a batch hidden until just short of the longest time SQS allows after receipt (here 4 s, not
     * SQS's 12 hours), and no longer: then the messages come back, and a WARN names the queue and the message.
     */
    @Test
    void theHeartbeatStopsAtTheLimitAfterReceipt() {
        String queueUrl = SQS.createQueue("limit", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        SQS.send(queueUrl, "long");
        List<Message> received = SQS.receiveVisible(queueUrl, 1);
        assertThat(received).hasSize(1);
        long receivedAt = System.nanoTime();
        Logger logger = Logger.getLogger(VisibilityHeartbeat.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            VisibilityHeartbeat.Beat beat = heartbeat("limit", 4).start(queueUrl, received, 1);

            // hidden past its own 1 s timeout, by the heartbeat
            await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3))
                    .until(() -> SQS.messagesInFlight(queueUrl) == 1);
            // back once the limit has passed, although the heartbeat was never stopped
            await().atMost(Duration.ofSeconds(10)).until(() -> SQS.receiveVisible(queueUrl, 30).size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - receivedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            beat.stop();
        } finally {
            logger.removeHandler(capture);
        }
        String messageId = received.get(0).messageId();
        assertThat(records).filteredOn(r -> r.getLevel().intValue() == Level.WARNING.intValue())
                .map(LogRecords::text)
                .filteredOn(text -> text.contains(messageId) && text.contains("queue 'limit'")
                        && text.contains("no longer kept hidden"))
                .as("WARN records about the heartbeat's limit").hasSize(1);
    }
}
