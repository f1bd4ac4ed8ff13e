package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's own {@link DuplicateFilter} replaces the in-memory one: a message it reports as handled is
 * deleted without an event, and handled messages are reported to it.
 */
class DuplicateFilterTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, SharedStore.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.queue-name", "deduplicated")
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.queue-name", "deduplicated-broken-store")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.deduplicate", "true");

    @Inject
    SharedStore store;

    @Inject
    ReceivedChanges received;

    @Test
    void alreadyHandledMessagesAreDeletedWithoutEvent() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("deduplicated");
        String handledElsewhere = sqs.send(queueUrl, "handled by another instance");
        store.handled("dedup", handledElsewhere); // as if another instance had handled it
        String fresh = sqs.send(queueUrl, "new");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.all().stream()
                .anyMatch(c -> c.revision().equals(fresh)));
        assertThat(received.all()).filteredOn(c -> c.queue().equals("dedup")).extracting(Change::revision)
                .containsExactly(fresh);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
        assertThat(received.all()).extracting(Change::revision).doesNotContain(handledElsewhere);
        assertThat(store.ids).contains("dedup/" + fresh);
    }

    @Test
    void aFailingFilterNeitherLosesNorKeepsMessages() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String brokenStoreUrl = sqs.queueUrl("deduplicated-broken-store");
        String id = sqs.send(brokenStoreUrl, "store is down");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.all().stream()
                .anyMatch(c -> c.revision().equals(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(brokenStoreUrl) == 0);
    }

    /** Stands for a store shared by all instances, such as a database table; down for queue broken-store. */
    @Singleton
    static class SharedStore implements DuplicateFilter {

        final Set<String> ids = ConcurrentHashMap.newKeySet();

        @Override
        public boolean alreadyHandled(String queue, String messageId) {
            failIfDown(queue);
            return ids.contains(queue + "/" + messageId);
        }

        @Override
        public void handled(String queue, String messageId) {
            failIfDown(queue);
            ids.add(queue + "/" + messageId);
        }

        private static void failIfDown(String queue) {
            if (queue.equals("broken-store")) {
                throw new IllegalStateException("store unreachable");
            }
        }
    }
}
