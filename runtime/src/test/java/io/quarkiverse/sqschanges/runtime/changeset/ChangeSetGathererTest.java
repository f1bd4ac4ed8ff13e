package io.quarkiverse.sqschanges.runtime.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.dispatch.ObserversRefusedException;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;
import software.amazon.awssdk.services.sqs.model.Message;

class ChangeSetGathererTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<ChangeSet> fired = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void changesComeInTheOrderOfReceiptWhateverOrderTheyAreAdded() {
        ChangeSetGatherer gatherer = gatherer(Duration.ofMillis(200), 100, set -> CompletableFuture.completedFuture(null));
        gatherer.add(change("m3"), 3, 0, member("m3"));
        gatherer.add(change("m1"), 1, 1, member("m1b"));
        gatherer.add(change("m1"), 1, 0, member("m1a"));
        gatherer.add(change("m2"), 2, 0, member("m2"));

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 4);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).changes()).extracting(Change::revision).containsExactly("m1", "m1", "m2", "m3");
        assertThat(fired.get(0).trigger()).isEqualTo(ChangeSet.Trigger.QUIET_PERIOD);
        assertThat(outcomes).containsOnly("HANDLED");
    }

    @Test
    void aFullSetFiresAtOnceAndTheNextChangeStartsANewOne() {
        ChangeSetGatherer gatherer = gatherer(Duration.ofMinutes(1), 2, set -> CompletableFuture.completedFuture(null));
        gatherer.add(change("a"), 0, 0, member("a"));
        gatherer.add(change("b"), 1, 0, member("b"));
        gatherer.add(change("c"), 2, 0, member("c"));

        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).trigger()).isEqualTo(ChangeSet.Trigger.MAX_CHANGES);
        assertThat(gatherer.openSets()).singleElement()
                .satisfies(open -> assertThat(open.changes()).isEqualTo(1));
    }

    @Test
    void aFailedSetTellsEachMemberWhatFailed() {
        ChangeSetGatherer gatherer = gatherer(Duration.ofMillis(100), 100,
                set -> CompletableFuture.failedFuture(new IllegalStateException("build failed")));
        gatherer.add(change("a"), 0, 0, member("a"));
        gatherer.add(change("b"), 1, 0, member("b"));

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 2);
        assertThat(outcomes).containsOnly("FAILED build failed");
    }

    @Test
    void aSetTheWorkerPoolRefusesIsAbandonedNotFailed() {
        AtomicBoolean refusing = new AtomicBoolean(true);
        ChangeSetGatherer gatherer = gatherer(Duration.ofMinutes(1), 2, set -> CompletableFuture.completedFuture(null),
                task -> {
                    if (refusing.get()) {
                        throw new RejectedExecutionException("pool full");
                    }
                    task.run();
                });
        gatherer.add(change("a"), 0, 0, member("a"));
        gatherer.add(change("b"), 1, 0, member("b"));

        // made visible again for another delivery: never handled as an observer's failure (on-failure=delete)
        assertThat(outcomes).containsExactly("ABANDONED", "ABANDONED");
        assertThat(fired).isEmpty();

        refusing.set(false);
        gatherer.add(change("a"), 2, 0, member("a"));
        gatherer.add(change("b"), 3, 0, member("b"));
        assertThat(fired).hasSize(1);
        assertThat(outcomes).containsExactly("ABANDONED", "ABANDONED", "HANDLED", "HANDLED");
    }

    @Test
    void aSetWhoseAsyncObserversAreRefusedIsAbandonedButOneAnObserverRejectsFails() {
        AtomicBoolean refusing = new AtomicBoolean(true);
        ChangeSetGatherer gatherer = gatherer(Duration.ofMinutes(1), 2, set -> {
            if (refusing.get()) {
                throw new ObserversRefusedException(new RejectedExecutionException("pool full"));
            }
            throw new RejectedExecutionException("the observer's own executor is full");
        });
        gatherer.add(change("a"), 0, 0, member("a"));
        gatherer.add(change("b"), 1, 0, member("b"));
        assertThat(outcomes).as("refused by the pool: made visible again").containsExactly("ABANDONED", "ABANDONED");

        refusing.set(false);
        gatherer.add(change("a"), 2, 0, member("a"));
        gatherer.add(change("b"), 3, 0, member("b"));
        assertThat(outcomes).as("an observer's own rejection: a failure, handled by on-failure").containsExactly(
                "ABANDONED", "ABANDONED", "FAILED the observer's own executor is full",
                "FAILED the observer's own executor is full");
    }

    @Test
    void stoppingAbandonsOpenSetsAndWhatComesAfter() {
        ChangeSetGatherer gatherer = gatherer(Duration.ofMinutes(1), 100, set -> CompletableFuture.completedFuture(null));
        gatherer.add(change("a"), 0, 0, member("a"));
        gatherer.stop();
        gatherer.add(change("b"), 1, 0, member("b"));

        assertThat(outcomes).containsExactly("ABANDONED", "ABANDONED");
        assertThat(fired).isEmpty();
        assertThat(gatherer.openSets()).isEmpty();
    }

    private ChangeSetGatherer gatherer(Duration quiet, int maxChanges,
            java.util.function.Function<ChangeSet, CompletableFuture<Void>> observers) {
        return gatherer(quiet, maxChanges, observers, Runnable::run);
    }

    private ChangeSetGatherer gatherer(Duration quiet, int maxChanges,
            java.util.function.Function<ChangeSet, CompletableFuture<Void>> observers, Executor workers) {
        ChangeSetSettings settings = new ChangeSetSettings("models", quiet, Duration.ofMinutes(5), maxChanges,
                Duration.ZERO);
        return new ChangeSetGatherer(Map.of("models", settings), set -> {
            fired.add(set);
            return observers.apply(set);
        }, workers, timer);
    }

    private SetMember member(String id) {
        return new SetMember() {
            @Override
            public void settled(Outcome outcome, Throwable failure) {
                outcomes.add(failure == null ? outcome.name() : outcome.name() + " " + failure.getMessage());
            }

            @Override
            public String messageId() {
                return id;
            }
        };
    }

    private static Change change(String messageId) {
        SqsMessage message = SqsMessage.of(Message.builder().messageId(messageId).body("push")
                .attributes(Map.of()).build());
        return Change.builder("pushes", "http://sqs/000000000000/pushes", "models", message).revision(messageId)
                .build();
    }
}
