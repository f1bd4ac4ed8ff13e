package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The heartbeat keeps a batch hidden until just short of the longest time SQS allows after receipt (here 4 s, not
 * SQS's 12 hours), and no longer: then the messages come back.
 */
class VisibilityHeartbeatLimitTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.start();
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    static final SqsAsyncClient ASYNC = SqsClients.async(SQS.endpoint());

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
        ASYNC.close();
        SQS.close();
    }

    @Test
    void theHeartbeatStopsAtTheLimitAfterReceipt() {
        String queueUrl = SQS.createQueue("limit", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        SQS.send(queueUrl, "long");
        List<Message> received = SQS.receiveVisible(queueUrl, 1);
        assertThat(received).hasSize(1);
        long receivedAt = System.nanoTime();

        VisibilityHeartbeat heartbeat = new VisibilityHeartbeat(new VisibilityChanger(ASYNC, "limit", new QueueCounters()),
                TIMER, "limit", 4);
        VisibilityHeartbeat.Beat beat = heartbeat.start(queueUrl, received, 1);

        // hidden past its own 1 s timeout, by the heartbeat
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3))
                .until(() -> SQS.messagesInFlight(queueUrl) == 1);
        // back once the limit has passed, although the heartbeat was never stopped
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.receiveVisible(queueUrl, 30).size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - receivedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        beat.stop();
    }
}
