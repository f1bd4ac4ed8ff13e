package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A queue given by name and read through a named client; a disabled queue left alone.
 */
class QueueResolutionTest {

    // a hand-started server: the default client points at a dead endpoint and only the named client reaches this one
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String BY_NAME_URL = SQS.createQueue("by-name");
    static final String DISABLED_URL = SQS.createQueue("disabled");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class)))
            // the default client points nowhere: only the named client reaches the server
            .overrideConfigKey("quarkus.sqs.endpoint-override", "http://127.0.0.1:1")
            .overrideConfigKey("quarkus.sqs.other.endpoint-override", SQS.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.resolved.queue-name", "by-name")
            .overrideConfigKey("quarkus.sqs-changes.queues.resolved.client", "other")
            .overrideConfigKey("quarkus.sqs-changes.queues.resolved.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.off.url", DISABLED_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.off.enabled", "false");

    @Inject
    ReceivedChanges received;

    @Test
    void queueNameIsResolvedWithTheNamedClientAndDisabledQueuesAreNotPolled() {
        String id = SQS.send(BY_NAME_URL, "hello");
        SQS.send(DISABLED_URL, "left alone");

        Change change = received.await(1).get(0);
        assertThat(change.revision()).isEqualTo(id);
        assertThat(change.queue()).isEqualTo("resolved");
        assertThat(change.repository()).endsWith("/by-name");
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(BY_NAME_URL) == 0);

        await().during(Duration.ofSeconds(2)).until(() -> SQS.messagesOnQueue(DISABLED_URL) == 1);
        assertThat(received.all()).hasSize(1);
    }
}
