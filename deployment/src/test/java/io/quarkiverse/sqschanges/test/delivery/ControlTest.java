package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Pause, resume and poll now, through the control bean and through the scheduler; status and counts.
 */
class ControlTest {

    // a hand-started server: one queue is polled through a proxy that is down, which the Dev Service cannot offer
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String LIVE_URL = SQS.createQueue("control-live");
    static final String MANUAL_URL = SQS.createQueue("control-manual");
    static final SqsProxy DEAD = SqsProxy.sharedDown("control-dead", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.live.url", LIVE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.live.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.manual.url", MANUAL_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.manual.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.manual.poll-interval", "1h")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken.url", LIVE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.broken.client", "dead")
            .overrideConfigKey("quarkus.sqs.dead.endpoint-override", DEAD.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.off.url", LIVE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.off.enabled", "false");

    @Inject
    ChangeSourceControl control;

    @Inject
    Scheduler scheduler;

    @Inject
    ReceivedChanges received;

    @Test
    void pauseResumeAndCounts() throws InterruptedException {
        assertThat(control.queues()).containsExactly("broken", "live", "manual", "off");
        String first = SQS.send(LIVE_URL, "one");
        await().atMost(Duration.ofSeconds(10)).until(() -> revisions().contains(first));
        await().atMost(Duration.ofSeconds(5)).until(() -> control.status("live").deleted() == 1);
        QueueStatus live = control.status("live");
        assertThat(live.state()).isEqualTo(QueueState.POLLING);
        assertThat(live.received()).isEqualTo(1);
        assertThat(live.changesFired()).isEqualTo(1);
        assertThat(live.lastSuccess()).isPresent();

        control.pause("live");
        assertThat(control.status("live").state()).isEqualTo(QueueState.PAUSED);
        assertThat(scheduler.isPaused("sqs-changes:live")).isTrue();
        Thread.sleep(2500); // let a receive in progress end
        // delayed past the end of a receive that was waiting at SQS when the queue paused (a pause does not abort it)
        String second = SQS.client().sendMessage(b -> b.queueUrl(LIVE_URL).messageBody("two").delaySeconds(2))
                .messageId();
        Thread.sleep(5000); // visible for 3 s: a polling queue (wait-time 1s) would have received it by now
        assertThat(revisions()).doesNotContain(second);
        assertThatThrownBy(() -> control.pollNow("live")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Queue 'live' is paused");

        scheduler.resume("sqs-changes:live"); // the scheduler's own API works too
        await().atMost(Duration.ofSeconds(10)).until(() -> revisions().contains(second));
        assertThat(control.status("live").state()).isEqualTo(QueueState.POLLING);
    }

    @Test
    void pollNowDoesNotWaitForTheSchedule() throws InterruptedException {
        Thread.sleep(3000); // the first scheduled run is over; the next one is an hour away
        String id = SQS.send(MANUAL_URL, "now please");
        Thread.sleep(2000);
        assertThat(revisions()).doesNotContain(id);

        control.pollNow("manual");
        await().atMost(Duration.ofSeconds(10)).until(() -> revisions().contains(id));
    }

    @Test
    void failingDisabledAndUnknownQueues() {
        await().atMost(Duration.ofSeconds(15)).until(() -> control.status("broken").state() == QueueState.FAILING);
        assertThat(control.status("broken").lastError()).hasValueSatisfying(error -> assertThat(error).isNotBlank());
        assertThat(control.status("off").state()).isEqualTo(QueueState.DISABLED);
        assertThatThrownBy(() -> control.pause("off")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Queue 'off' is disabled (quarkus.sqs-changes.queues.off.enabled=false)");
        assertThatThrownBy(() -> control.status("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No queue named 'nope' is configured; known queues: [broken, live, manual, off]");
    }

    private java.util.List<String> revisions() {
        return received.all().stream().map(Change::revision).toList();
    }
}
