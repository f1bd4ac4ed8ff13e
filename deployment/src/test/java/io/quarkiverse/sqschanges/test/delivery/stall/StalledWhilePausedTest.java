package io.quarkiverse.sqschanges.test.delivery.stall;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A stall that another state hides: the queue is paused while an observer hangs past {@code handler-timeout}, so
 * {@code status()} says {@code PAUSED}, yet readiness stays DOWN, naming the queue and the stall, until the observer
 * returns; a paused queue without a stall is UP.
 */
class StalledWhilePausedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(HangingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.paused-hang.queue-name", "paused-hang")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused-hang.handler-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused-hang.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.paused-hang.visibility-timeout", "2s");

    @Inject
    HangingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Test
    void aStallOnAPausedQueueKeepsReadinessDown() throws InterruptedException {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("paused-hang");
        sqs.send(queueUrl, "hang");
        assertThat(observer.started.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> control.status("paused-hang").state() == QueueState.STALLED);

        control.pause("paused-hang");
        assertThat(control.status("paused-hang").state()).isEqualTo(QueueState.PAUSED);
        get("/q/health/ready").then().statusCode(503)
                .body(containsString("paused; stalled: the observers of 1 batch have run longer than"))
                .body(containsString("quarkus.sqs-changes.queues.paused-hang.handler-timeout"));

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(control.status("paused-hang").state()).isEqualTo(QueueState.PAUSED);
        get("/q/health/ready").then().statusCode(200);
    }

    /** Hangs until released. */
    @Singleton
    public static class HangingObserver {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void on(@Observes Change change) throws InterruptedException {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
        }
    }
}
