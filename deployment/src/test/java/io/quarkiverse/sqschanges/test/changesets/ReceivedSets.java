package io.quarkiverse.sqschanges.test.changesets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.awaitility.Awaitility;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.Codebase;

/**
 * Records every change set of codebase {@code models} with the time it was observed; fails as many as it is told to.
 */
@ApplicationScoped
public class ReceivedSets {

    /**
     * A set and when its observer saw it.
     *
     * @param failed whether the observer threw, as told
     */
    public record Observed(ChangeSet set, Instant at, boolean failed) {

        public List<String> bodies() {
            return set.changes().stream().map(change -> change.message().body()).toList();
        }

        public List<String> revisions() {
            return set.changes().stream().map(Change::revision).toList();
        }
    }

    private final List<Observed> sets = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    void build(@Observes @Codebase("models") ChangeSet set) {
        boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        sets.add(new Observed(set, Instant.now(), fail));
        if (fail) {
            throw new IllegalStateException("the build of " + set.size() + " changes failed");
        }
    }

    /** The next {@code count} sets' observer throws. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public List<Observed> all() {
        return List.copyOf(sets);
    }

    /** @return the sets, once their changes add up to at least {@code changes} */
    public List<Observed> awaitChanges(int changes) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> sets.stream().mapToInt(observed -> observed.set().size()).sum() >= changes);
        return all();
    }

    /** @return the sets, once the changes of those whose observer did not fail add up to at least {@code changes} */
    public List<Observed> awaitHandled(int changes) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sets.stream().filter(observed -> !observed.failed())
                .mapToInt(observed -> observed.set().size()).sum() >= changes);
        return all();
    }
}
