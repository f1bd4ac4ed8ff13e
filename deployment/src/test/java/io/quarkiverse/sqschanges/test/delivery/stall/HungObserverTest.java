package io.quarkiverse.sqschanges.test.delivery.stall;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An observer that hangs past {@code handler-timeout}: the queue says so (a WARN naming queue and message once, the
 * state {@code STALLED}, readiness DOWN, the {@code sqs.changes.stalled} gauge and {@code sqs.changes.stalls}
 * counter) and goes on polling, even with {@code concurrency=1}; once the observer
 * returns, its message is deleted and the queue is back to {@code POLLING}.
 */
class HungObserverTest {

    static final String LOGGER = "io.quarkiverse.sqschanges.runtime.polling.QueuePoller";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(HangingObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.hangs.queue-name", "hangs")
            .overrideConfigKey("quarkus.sqs-changes.queues.hangs.handler-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.hangs.max-messages", "1")
            .overrideConfigKey("quarkus.sqs-changes.queues.hangs.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.hangs.visibility-timeout", "2s")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(LOGGER))
            .assertLogRecords(records -> {
                String hung = LogRecords.recall("hung-message").get(0);
                assertThat(records.stream().filter(r -> r.getLevel().intValue() == Level.WARNING.intValue())
                        .map(LogRecords::text)
                        .filter(text -> text.contains(hung) && text.contains("queue 'hangs'")
                                && text.contains("still running after"))
                        .toList()).as("WARN records about the hung message").hasSize(1);
            });

    @Inject
    HangingObserver observer;

    @Inject
    ChangeSourceControl control;

    @Inject
    MeterRegistry registry;

    @Test
    void aHungObserverIsReportedAndTheQueueGoesOn() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("hangs");
        String hung = sqs.send(queueUrl, "hang");
        LogRecords.remember("hung-message", List.of(hung));
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.seen.contains("hang"));

        await().atMost(Duration.ofSeconds(10)).until(() -> control.status("hangs").state() == QueueState.STALLED);
        get("/q/health/ready").then().statusCode(503);
        assertThat(stalledGauge()).as("sqs.changes.stalled while stalled").isEqualTo(1);

        // the stalled batch does not hold the queue's only loop
        for (String body : List.of("a", "b", "c")) {
            sqs.send(queueUrl, body);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> observer.seen.containsAll(List.of("a", "b", "c")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sqs.messagesInFlight(queueUrl) == 1);
        assertThat(control.status("hangs").state()).isEqualTo(QueueState.STALLED);

        observer.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> control.status("hangs").state() == QueueState.POLLING);
        get("/q/health/ready").then().statusCode(200);
        assertThat(stalledGauge()).as("sqs.changes.stalled once the observer returned").isZero();
        assertThat(registry.get("sqs.changes.stalls").tags("queue", "hangs").functionCounter().count())
                .as("sqs.changes.stalls").isEqualTo(1);
        assertThat(observer.seen).containsExactlyInAnyOrder("hang", "a", "b", "c");
        assertThat(observer.duplicates.get()).as("changes observed twice").isZero();
    }

    private double stalledGauge() {
        return registry.get("sqs.changes.stalled").tags("queue", "hangs").gauge().value();
    }

    /** Hangs on the body {@code hang} until released; records each body once. */
    @Singleton
    public static class HangingObserver {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger duplicates = new AtomicInteger();

        void on(@Observes Change change) throws InterruptedException {
            String body = (String) change.properties().get("sqs_body");
            if (!seen.add(body)) {
                duplicates.incrementAndGet();
            }
            if (body.equals("hang")) {
                release.await(60, TimeUnit.SECONDS);
            }
        }
    }
}
