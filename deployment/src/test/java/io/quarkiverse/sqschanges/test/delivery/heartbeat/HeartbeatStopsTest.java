package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The visibility heartbeat, seen from the wire: batched ChangeMessageVisibility requests while an observer slower
 * than the visibility timeout works, and none once its message is done and deleted.
 */
class HeartbeatStopsTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("heartbeat-stops");
    static final SqsProxy PROXY = SqsProxy.shared("heartbeat-stops", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ThreeSecondObserver.class)))
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.slow.visibility-timeout", "1s");

    @Inject
    ThreeSecondObserver observer;

    @Test
    void heartbeatRunsWhileTheObserverWorksAndStopsAfterwards() {
        String id = SQS.send(QUEUE_URL, "slow");

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.started.contains(id));
        // the observer needs 3 s, three times the visibility timeout: extended every half timeout meanwhile
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.finished.contains(id));
        assertThat(PROXY.count("ChangeMessageVisibilityBatch")).as("batched visibility extensions while handled")
                .isGreaterThanOrEqualTo(2);
        assertThat(PROXY.count("ChangeMessageVisibility")).as("single visibility changes").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);

        int after = visibilityRequests();
        // several visibility timeouts later, no more extensions for the deleted message
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> visibilityRequests() == after);
        assertThat(observer.started).containsExactly(id);
    }

    static int visibilityRequests() {
        return PROXY.count("ChangeMessageVisibility") + PROXY.count("ChangeMessageVisibilityBatch");
    }

    @Singleton
    static class ThreeSecondObserver {

        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> finished = new CopyOnWriteArrayList<>();

        void on(@Observes Change change) throws InterruptedException {
            started.add(change.revision());
            Thread.sleep(3000);
            finished.add(change.revision());
        }
    }
}
