package io.quarkiverse.sqschanges.test.delivery.failure;

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
import io.quarkiverse.sqschanges.testkit.Samples;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Failures that are not exceptions, and messages that make several changes:
 * <ul>
 * <li>an observer throwing an {@link Error} fails its message only: the queue goes on polling, the message comes
 * back and is then handled;</li>
 * <li>when an observer of one of a message's changes fails, the message's other changes are fired all the same,
 * the message is kept, and on its next delivery all its changes are fired again.</li>
 * </ul>
 */
class ObserverErrorTest {

    static final String TWO_RECORDS = Samples.s3Notification(
            Samples.s3Created("ObjectCreated:Put", "first.zip", null, 10),
            Samples.s3Created("ObjectCreated:Put", "second.zip", null, 20));

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FailingOnce.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.errors.queue-name", "observer-errors")
            .overrideConfigKey("quarkus.sqs-changes.queues.errors.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.errors.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.objects.queue-name", "observer-errors-s3")
            .overrideConfigKey("quarkus.sqs-changes.queues.objects.format", "s3")
            .overrideConfigKey("quarkus.sqs-changes.queues.objects.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.objects.wait-time", "1s");

    @Inject
    FailingOnce observer;

    @Test
    void anErrorFailsItsMessageOnlyAndPollingGoesOn() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("observer-errors");
        String failing = sqs.send(queueUrl, "error once");

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.deliveries(failing) == 2);
        String next = sqs.send(queueUrl, "fine");
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.deliveries(next) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    @Test
    void everyChangeOfAMessageIsFiredEvenWhenAnEarlierOneFails() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("observer-errors-s3");
        sqs.send(queueUrl, TWO_RECORDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> observer.files().size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        // first delivery: first.zip fails, second.zip is fired all the same; second delivery: both again
        assertThat(observer.files()).containsExactly("first.zip", "second.zip", "first.zip", "second.zip");
    }

    @Singleton
    public static class FailingOnce {

        private final List<String> revisions = new CopyOnWriteArrayList<>();
        private final List<String> files = new CopyOnWriteArrayList<>();

        void onChange(@Observes Change change) {
            if (change.queue().equals("objects")) {
                files.add(change.files().get(0));
                if (change.files().get(0).equals("first.zip") && files.size() == 1) {
                    throw new IllegalStateException("first.zip fails the first time");
                }
                return;
            }
            revisions.add(change.revision());
            if (change.properties().get("sqs_body").equals("error once") && deliveries(change.revision()) == 1) {
                throw new AssertionError("an Error, not an exception");
            }
        }

        long deliveries(String revision) {
            return revisions.stream().filter(revision::equals).count();
        }

        List<String> files() {
            return files;
        }
    }
}
