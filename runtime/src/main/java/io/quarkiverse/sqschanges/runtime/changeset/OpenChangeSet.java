package io.quarkiverse.sqschanges.runtime.changeset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;

/**
 * One set being gathered, then fired: its changes with their place in the order of receipt, and when it is due.
 * Guarded by its {@link ChangeSetGatherer}.
 */
final class OpenChangeSet {

    /**
     * A change and what it belongs to.
     *
     * @param order the place of its message in the order of receipt
     * @param index its place among the changes of its message
     */
    record Entry(Change change, long order, int index, SetMember member) {
    }

    private static final Comparator<Entry> RECEIPT_ORDER = Comparator.comparingLong(Entry::order)
            .thenComparingInt(Entry::index);

    private final ChangeSetSettings settings;
    private final List<Entry> entries = new ArrayList<>();
    private final long firstNanos;
    private final Instant firstAt;
    private long lastNanos;
    private ScheduledFuture<?> check;

    OpenChangeSet(ChangeSetSettings settings, long nowNanos, Instant now) {
        this.settings = settings;
        this.firstNanos = nowNanos;
        this.lastNanos = nowNanos;
        this.firstAt = now;
    }

    String codebase() {
        return settings.codebase();
    }

    void add(Entry entry, long nowNanos) {
        entries.add(entry);
        lastNanos = nowNanos;
    }

    boolean full() {
        return entries.size() >= settings.maxChanges();
    }

    int size() {
        return entries.size();
    }

    List<Entry> entries() {
        return entries;
    }

    long firstNanos() {
        return firstNanos;
    }

    Instant firstAt() {
        return firstAt;
    }

    /** @return what makes the set due now, or {@code null} if it is not due yet */
    ChangeSet.Trigger due(long nowNanos) {
        if (nowNanos - firstNanos >= settings.maxWait().toNanos()) {
            return ChangeSet.Trigger.MAX_WAIT;
        }
        return nowNanos - lastNanos >= settings.quietPeriod().toNanos() ? ChangeSet.Trigger.QUIET_PERIOD : null;
    }

    /** @return how long until the set is due, if no change is added meanwhile */
    long nanosUntilDue(long nowNanos) {
        long quiet = lastNanos + settings.quietPeriod().toNanos();
        long latest = firstNanos + settings.maxWait().toNanos();
        return Math.max(0, Math.min(quiet, latest) - nowNanos);
    }

    /** @return the message groups of FIFO queues the set's changes came from: their order counts */
    Set<GroupKey> groups() {
        Set<GroupKey> groups = new HashSet<>();
        for (Entry entry : entries) {
            GroupKey.of(entry.change()).ifPresent(groups::add);
        }
        return groups;
    }

    /** Takes the entries of these groups out of the set. */
    List<Entry> remove(Set<GroupKey> groups) {
        List<Entry> removed = new ArrayList<>();
        entries.removeIf(entry -> {
            boolean hit = GroupKey.of(entry.change()).filter(groups::contains).isPresent();
            if (hit) {
                removed.add(entry);
            }
            return hit;
        });
        return removed;
    }

    /** A message group of a FIFO queue. */
    record GroupKey(String queue, String group) {

        static Optional<GroupKey> of(Change change) {
            return change.message().messageGroupId().map(group -> new GroupKey(change.queue(), group));
        }
    }

    void checkWith(ScheduledFuture<?> check) {
        this.check = check;
    }

    void cancelCheck() {
        if (check != null) {
            check.cancel(false);
        }
    }

    /** @return the event, with the changes in the order their messages were received */
    ChangeSet toEvent(ChangeSet.Trigger trigger) {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(RECEIPT_ORDER);
        List<Change> changes = new ArrayList<>(ordered.size());
        ordered.forEach(entry -> changes.add(entry.change()));
        return new ChangeSet(settings.codebase(), changes, firstAt, trigger);
    }
}
