package io.quarkiverse.sqschanges;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The changes of one codebase gathered until the codebase has had no new change for a quiet period, or for at most a
 * maximum wait, or up to a maximum number of changes, whichever comes first: Buildbot's tree-stable timer. Fired as
 * a CDI event with the {@link Codebase} qualifier, like a {@link Change}, for the codebases configured under
 * {@code quarkus.sqs-changes.change-sets."<codebase>"}:
 *
 * <pre>
 * void build(&#64;Observes &#64;Codebase("models") ChangeSet changes)
 * </pre>
 * <p>
 * The changes are in the order their messages were received (on a FIFO queue, each message group's in its order).
 * Each change has been fired on its own before, as always. Its message stays on its queue, hidden, until the
 * observers of its change and of its change set have completed normally; then it is deleted. If an observer of the
 * set fails, the set's messages are handled as their queue's {@code on-failure} says: kept or retried, they are
 * delivered again, their changes fired again and gathered into a new set; with {@code delete}, they are deleted.
 */
public final class ChangeSet implements Iterable<Change> {

    /** What ended the gathering of a set. */
    public enum Trigger {
        /** The codebase had no new change for the quiet period. */
        QUIET_PERIOD,
        /** The first change of the set has waited for the maximum wait. */
        MAX_WAIT,
        /** The set holds the maximum number of changes. */
        MAX_CHANGES
    }

    private final String codebase;
    private final List<Change> changes;
    private final Instant firstChangeAt;
    private final Trigger trigger;

    /**
     * @param codebase the codebase of every change
     * @param changes the changes, in the order their messages were received; at least one
     * @param firstChangeAt when the first change was added to the set
     * @param trigger what ended its gathering
     * @throws IllegalArgumentException if there is no change, or one of another codebase
     */
    public ChangeSet(String codebase, List<Change> changes, Instant firstChangeAt, Trigger trigger) {
        this.codebase = Objects.requireNonNull(codebase, "codebase");
        this.changes = List.copyOf(changes);
        this.firstChangeAt = Objects.requireNonNull(firstChangeAt, "firstChangeAt");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        if (this.changes.isEmpty()) {
            throw new IllegalArgumentException("A change set of codebase '" + codebase + "' needs at least one change");
        }
        for (Change change : this.changes) {
            if (!codebase.equals(change.codebase())) {
                throw new IllegalArgumentException("A change of codebase '" + change.codebase()
                        + "' cannot be in a change set of codebase '" + codebase + "'");
            }
        }
    }

    /** @return the codebase of every change in the set */
    public String codebase() {
        return codebase;
    }

    /** @return the changes, in the order their messages were received; unmodifiable, never empty */
    public List<Change> changes() {
        return changes;
    }

    /** @return the number of changes */
    public int size() {
        return changes.size();
    }

    /** @return when the first change was added to the set */
    public Instant firstChangeAt() {
        return firstChangeAt;
    }

    /** @return what ended the gathering of the set */
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public Iterator<Change> iterator() {
        return changes.iterator();
    }

    @Override
    public String toString() {
        return "ChangeSet[codebase=" + codebase + ", changes=" + changes.size() + ", trigger=" + trigger + "]";
    }
}
