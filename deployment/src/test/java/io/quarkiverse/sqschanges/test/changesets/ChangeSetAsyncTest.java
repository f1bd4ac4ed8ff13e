package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * An {@code @ObservesAsync ChangeSet} observer counts as a synchronous one does: the set's messages stay hidden, past
 * their visibility timeout, until it has completed, and are deleted only then; when it fails, they come back, and
 * are gathered and fired again.
 */
class ChangeSetAsyncTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String WAITING = SQS.createQueue("set-async-waiting");
    static final String FAILING = SQS.createQueue("set-async-failing");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(AsyncBuilds.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.waiting.url", WAITING)
            .overrideConfigKey("quarkus.sqs-changes.queues.waiting.codebase", "waiting")
            .overrideConfigKey("quarkus.sqs-changes.queues.waiting.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.waiting.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.failing.url", FAILING)
            .overrideConfigKey("quarkus.sqs-changes.queues.failing.codebase", "failing")
            .overrideConfigKey("quarkus.sqs-changes.queues.failing.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.failing.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.waiting.quiet-period", "1s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.failing.quiet-period", "1s"));

    @Inject
    AsyncBuilds builds;

    @Test
    void theMessagesAreDeletedOnlyAfterTheAsyncObserverCompleted() throws InterruptedException {
        send(WAITING, 3);

        assertThat(builds.waitingStarted.await(20, TimeUnit.SECONDS)).as("the set was fired").isTrue();
        // past the 2 s visibility timeout: hidden by the heartbeat, not deleted, while the observer works
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> SQS.messagesInFlight(WAITING) == 3 && SQS.messagesOnQueue(WAITING) == 3);

        builds.waitingRelease.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> SQS.messagesOnQueue(WAITING) == 0);
        assertThat(revisions(builds.waiting())).as("fired once").hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aFailedAsyncObserverBringsTheMessagesBackIntoTheNextSets() {
        builds.failNextFailing.set(true);
        send(FAILING, 4);

        await().atMost(Duration.ofSeconds(30)).until(() -> builds.failing().size() >= 2 && builds.failing().stream()
                .skip(1).mapToInt(ChangeSet::size).sum() >= 4);
        List<ChangeSet> fired = builds.failing();
        List<String> failed = revisions(List.of(fired.get(0)));
        assertThat(failed).as("the failed set").hasSize(4);
        assertThat(revisions(fired.subList(1, fired.size())))
                .as("the next sets hold every message of the failed one, and only those")
                .containsExactlyInAnyOrderElementsOf(failed);
        await().atMost(Duration.ofSeconds(15)).until(() -> SQS.messagesOnQueue(FAILING) == 0);
        assertThat(fired.stream().skip(1).flatMap(set -> set.changes().stream()))
                .allSatisfy(change -> assertThat(change.message().receiveCount()).isEqualTo(2));
    }

    private static void send(String queueUrl, int count) {
        SQS.client().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(IntStream.range(0, count)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("push " + i).build())
                .toList()));
    }

    private static List<String> revisions(List<ChangeSet> sets) {
        return sets.stream().flatMap(set -> set.changes().stream()).map(Change::revision).toList();
    }

    /** Asynchronous set observers: one waits until the test releases it, the other fails when told to. */
    @Singleton
    static class AsyncBuilds {

        final CountDownLatch waitingStarted = new CountDownLatch(1);
        final CountDownLatch waitingRelease = new CountDownLatch(1);
        final AtomicBoolean failNextFailing = new AtomicBoolean();
        private final List<ChangeSet> waiting = new CopyOnWriteArrayList<>();
        private final List<ChangeSet> failing = new CopyOnWriteArrayList<>();

        void buildWaiting(@ObservesAsync @Codebase("waiting") ChangeSet set) throws InterruptedException {
            waiting.add(set);
            waitingStarted.countDown();
            waitingRelease.await(60, TimeUnit.SECONDS);
        }

        void buildFailing(@ObservesAsync @Codebase("failing") ChangeSet set) {
            failing.add(set);
            if (failNextFailing.getAndSet(false)) {
                throw new IllegalStateException("the build of " + set.size() + " changes failed");
            }
        }

        List<ChangeSet> waiting() {
            return List.copyOf(waiting);
        }

        List<ChangeSet> failing() {
            return List.copyOf(failing);
        }
    }
}
