package io.quarkiverse.sqschanges.test.delivery.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The application stops while a mapper is at work, and the mapper then throws because what it needs is closing
 * (a database, say). On a queue with {@code invalid-message=delete} the message must not be deleted for that: like
 * an observer cut short by the shutdown, it stays on the queue, to be delivered again.
 * <p>
 * The mapper's progress goes through a system property: the application and JUnit load this class with different
 * class loaders.
 */
class MapperShutdownTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("mapper-shutdown");
    static final String EVENTS = "sqs-changes.test.mapper-shutdown.events";

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ClosingStoreMapper.class))
            .overrideConfigKey("quarkus.sqs-changes.shutdown-timeout", "15s")
            .overrideConfigKey("quarkus.sqs-changes.queues.store.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.store.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.store.visibility-timeout", "60s")
            .overrideConfigKey("quarkus.sqs-changes.queues.store.invalid-message", "delete")
            .setAfterAllCustomizer(MapperShutdownTest::theMessageStays));

    @Test
    void stopWhileAMapperWorks() {
        SQS.send(QUEUE_URL, "needs the store");
        await().atMost(Duration.ofSeconds(10)).until(() -> events().contains("mapping"));
        // returning now stops the application while the mapper waits for it
    }

    static void theMessageStays() {
        assertThat(events()).as("the mapper threw once the application was stopping").containsExactly("mapping",
                "threw while stopping");
        // in flight for 60 s: a message that was deleted would be gone at once
        assertThat(SQS.messagesOnQueue(QUEUE_URL)).as("messages left on the queue").isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    static Queue<String> events() {
        return (Queue<String>) System.getProperties().computeIfAbsent(EVENTS, k -> new ConcurrentLinkedQueue<String>());
    }

    /** Needs a store that closes when the application stops: it throws once the queue is stopping. */
    @ChangeMapper("store")
    public static class ClosingStoreMapper implements MessageMapper {

        @Override
        public Optional<Change> map(MappedMessage message) {
            events().add("mapping");
            ChangeSourceControl control = Arc.container().instance(ChangeSourceControl.class).get();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> control.status("store").state() == QueueState.STOPPED);
            events().add("threw while stopping");
            throw new IllegalStateException("the store is closed");
        }
    }
}
