package io.quarkiverse.sqschanges.test.reliability;

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
import io.quarkiverse.sqschanges.test.EmbeddedSqs;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application's own {@link DuplicateFilter} replaces the in-memory one: a message it reports as handled is
 * deleted without an event, and handled messages are reported to it.
 */
class DuplicateFilterTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("deduplicated");
    static final String BROKEN_STORE_URL = SQS.createQueue("deduplicated-broken-store");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(EmbeddedSqs.class, ReceivedChanges.class, SharedStore.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.dedup.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.url", BROKEN_STORE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.broken-store.deduplicate", "true");

    @Inject
    SharedStore store;

    @Inject
    ReceivedChanges received;

    @Test
    void alreadyHandledMessagesAreDeletedWithoutEvent() {
        String handledElsewhere = SQS.send(QUEUE_URL, "handled by another instance");
        store.handled("dedup", handledElsewhere); // as if another instance had handled it
        String fresh = SQS.send(QUEUE_URL, "new");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.all().stream()
                .anyMatch(c -> c.revision().equals(fresh)));
        assertThat(received.all()).filteredOn(c -> c.queue().equals("dedup")).extracting(Change::revision)
                .containsExactly(fresh);
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(QUEUE_URL) == 0);
        assertThat(received.all()).extracting(Change::revision).doesNotContain(handledElsewhere);
        assertThat(store.ids).contains("dedup/" + fresh);
    }

    @Test
    void aFailingFilterNeitherLosesNorKeepsMessages() {
        String id = SQS.send(BROKEN_STORE_URL, "store is down");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.all().stream()
                .anyMatch(c -> c.revision().equals(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> SQS.messagesOnQueue(BROKEN_STORE_URL) == 0);
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
