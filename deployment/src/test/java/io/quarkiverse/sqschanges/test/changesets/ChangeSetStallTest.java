package io.quarkiverse.sqschanges.test.changesets;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A set whose observer hangs past its codebase's {@code handler-timeout} is reported (a WARN, the
 * {@code sqs.changes.sets.stalled} gauge, readiness DOWN naming the codebase) while its messages stay hidden; once
 * the observer returns, readiness is UP again and the messages are deleted.
 */
class ChangeSetStallTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-stall");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(HangingBuild.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "500ms")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.handler-timeout", "1s")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("ChangeSetGatherer"))
            .assertLogRecords(records -> assertThat(records.stream().filter(LogRecords::isAboveDebug)
                    .map(LogRecords::text).filter(text -> text.contains("codebase 'models'")
                            && text.contains("still running after"))
                    .toList()).as("WARN records about the hung set").hasSize(1)));

    @Inject
    HangingBuild build;

    @Inject
    MeterRegistry registry;

    @Test
    void aHungSetIsReportedUntilItsObserverReturns() throws InterruptedException {
        SQS.send(QUEUE, "push");
        assertThat(build.awaitStarted()).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> get("/q/health/ready").then().statusCode(503)
                .body(containsString("change set models")));
        assertThat(registry.get("sqs.changes.sets.stalled").gauge().value()).isEqualTo(1);
        // hidden past its 2 s visibility timeout while the set's observer hangs
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> SQS.messagesInFlight(QUEUE) == 1);

        build.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE) == 0);
        get("/q/health/ready").then().statusCode(200);
        assertThat(registry.get("sqs.changes.sets.stalled").gauge().value()).isZero();
    }

    @ApplicationScoped
    public static class HangingBuild {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void build(@Observes @Codebase("models") ChangeSet set) throws InterruptedException {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        }

        // through methods: the test holds a client proxy, whose own fields are not the bean's
        boolean awaitStarted() throws InterruptedException {
            return started.await(10, TimeUnit.SECONDS);
        }

        void release() {
            release.countDown();
        }
    }
}
