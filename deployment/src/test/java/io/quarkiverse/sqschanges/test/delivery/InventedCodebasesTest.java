package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A mapper sets a codebase of its own for each message, more of them than the dispatcher keeps (see
 * {@code CodebaseCacheTest}): every change still reaches the observers of its codebase, synchronous and
 * asynchronous, those of the last codebases included, and no others.
 */
class InventedCodebasesTest {

    static final int CODEBASES = 140;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, BranchMapper.class, Observers.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.branches.queue-name", "invented-codebases")
            .overrideConfigKey("quarkus.sqs-changes.queues.branches.wait-time", "1s");

    @Inject
    ReceivedChanges all;

    @Inject
    Observers observers;

    @Test
    void everyChangeReachesTheObserversOfItsCodebase() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String queueUrl = sqs.queueUrl("invented-codebases");
        for (int from = 0; from < CODEBASES; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < from + 10; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(Integer.toString(i)).build());
            }
            sqs.client().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        assertThat(all.await(CODEBASES)).extracting(Change::codebase).doesNotHaveDuplicates().hasSize(CODEBASES);

        // more codebases than the dispatcher keeps have been seen: these are beyond the bound, or kept (branch-0)
        sqs.send(queueUrl, "148");
        sqs.send(queueUrl, "149");
        sqs.send(queueUrl, "0");

        await().atMost(Duration.ofSeconds(10)).until(() -> observers.late.size() == 1 && observers.first.size() == 2
                && observers.lastAsync.size() == 1);
        assertThat(observers.first).extracting(Change::codebase).containsExactly("branch-0", "branch-0");
        assertThat(observers.late).extracting(Change::codebase).containsExactly("branch-148");
        assertThat(observers.lastAsync).extracting(Change::codebase).containsExactly("branch-149");
        assertThat(all.all()).hasSize(CODEBASES + 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(queueUrl) == 0);
    }

    /** The body is a number: the change's codebase is {@code branch-<number>}. */
    @ChangeMapper("branches")
    public static class BranchMapper implements MessageMapper {

        @Override
        public Optional<Change> map(MappedMessage message) {
            return Optional.of(message.change().codebase("branch-" + message.body()).build());
        }
    }

    @Singleton
    static class Observers {

        final List<Change> first = new CopyOnWriteArrayList<>();
        final List<Change> late = new CopyOnWriteArrayList<>();
        final List<Change> lastAsync = new CopyOnWriteArrayList<>();

        void first(@Observes @Codebase("branch-0") Change change) {
            first.add(change);
        }

        void late(@Observes @Codebase("branch-148") Change change) {
            late.add(change);
        }

        void lastAsync(@ObservesAsync @Codebase("branch-149") Change change) {
            lastAsync.add(change);
        }
    }
}
