package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.SlowObserver;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * {@code GetQueueAttributes} fails at first (as without the {@code sqs:GetQueueAttributes} permission): the queue's
 * messages are received with an explicit 30 s visibility timeout, which the heartbeat's period matches, so that a
 * message whose observer outlives the queue's own 2 s timeout is not delivered twice; the lookup is retried, and
 * its failure is a WARN.
 */
class VisibilityLookupFailsTest {

    // a hand-started server: the queue needs its own visibility timeout, which the Dev Service does not set per queue
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("lookup-fails", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
    static final String LOGGER = "io.quarkiverse.sqschanges.runtime.polling.VisibilityLookup";

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowObserver.class, DeniedAttributes.class)))
            .overrideConfigKey("quarkus.sqs.interceptors", DeniedAttributes.class.getName())
            .overrideConfigKey("test.observer-millis", "6000")
            .overrideConfigKey("quarkus.sqs-changes.queues.lookup.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.lookup.wait-time", "1s")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(LOGGER))
            .assertLogRecords(records -> {
                assertThat(records.stream().filter(LogRecords::isAboveDebug).map(LogRecords::text)
                        .filter(text -> text.contains("Could not read the visibility timeout of queue 'lookup'")
                                && text.contains("sqs:GetQueueAttributes"))
                        .toList()).as("WARN records about the failed lookup").hasSize(1);
                assertThat(records.stream().map(LogRecords::text)
                        .filter(text -> text.contains("Read the visibility timeout of queue 'lookup' (2 s)")).toList())
                        .as("the retried lookup's success").hasSize(1);
            });

    @Inject
    SlowObserver observer;

    @Test
    void aMessageOutlivingTheQueuesTimeoutIsDeliveredOnce() {
        String sent = SQS.send(QUEUE_URL, "slow");

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.finished.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        assertThat(observer.seen).containsExactly(sent);
        assertThat(observer.duplicates.get()).as("changes observed twice").isZero();
        assertThat(DeniedAttributes.DENIED.get()).as("GetQueueAttributes calls denied").isEqualTo(2);
    }

    /** Denies the first two {@code GetQueueAttributes} calls, as SQS does without the permission. */
    public static class DeniedAttributes implements ExecutionInterceptor {

        static final AtomicInteger DENIED = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetQueueAttributesRequest && DENIED.get() < 2) {
                DENIED.incrementAndGet();
                throw SqsException.builder().statusCode(403).message("not authorized (test)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                                .errorMessage("not authorized (test)").build())
                        .build();
            }
        }
    }
}
