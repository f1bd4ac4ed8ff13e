package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
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
 * A message held past its batch (its change waits in a change set) goes on being kept hidden after the batch's beat
 * is stopped, while the batch's other messages are not; once its hold is stopped, it comes back. A beat that is
 * stopped holds nothing more.
 */
class VisibilityHeartbeatHoldTest {

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

        VisibilityHeartbeat heartbeat = new VisibilityHeartbeat(new VisibilityChanger(ASYNC, "hold", new QueueCounters()),
                TIMER, "hold", 3600);
        VisibilityHeartbeat.Beat beat = heartbeat.start(queueUrl, received, 1);
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
}
