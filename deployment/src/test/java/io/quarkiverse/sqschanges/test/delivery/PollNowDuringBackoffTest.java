package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code pollNow} polls at once even while the queue backs off after failures (here an hour-long back-off, from a
 * one-hour {@code poll-interval}): it is not silently skipped.
 */
class PollNowDuringBackoffTest {

    // a hand-started server behind a proxy that is down at startup, which the Dev Service cannot offer
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("poll-now-backoff");
    static final SqsProxy PROXY = SqsProxy.sharedDown("poll-now-backoff", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.backing-off.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.backing-off.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.backing-off.poll-interval", "1h");

    @Inject
    ChangeSourceControl control;

    @Inject
    ReceivedChanges received;

    @Test
    void pollNowPollsWhileBackingOff() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> control.status("backing-off").state() == QueueState.FAILING);
        PROXY.setDown(false);
        String sent = SQS.send(QUEUE_URL, "now");

        control.pollNow("backing-off");

        assertThat(received.await(1)).extracting(change -> change.message().messageId()).containsExactly(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        assertThat(control.status("backing-off").state()).isEqualTo(QueueState.POLLING);
    }
}
