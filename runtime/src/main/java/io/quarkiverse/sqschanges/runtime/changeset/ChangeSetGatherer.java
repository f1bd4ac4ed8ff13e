package io.quarkiverse.sqschanges.runtime.changeset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;

/**
 * Gathers the changes of the codebases configured for change sets into one open set per codebase, fires a set when
 * it is due (quiet period, maximum wait or maximum size) on a worker thread, and tells each change's
 * {@link SetMember} how its set went. Sets of one codebase may run at the same time: once a set is fired, the next
 * changes start a new one. At shutdown, the open sets are not fired: their members are told at once.
 */
public final class ChangeSetGatherer {

    private static final Logger LOG = Logger.getLogger(ChangeSetGatherer.class);

    private final Map<String, ChangeSetSettings> settings;
    private final Function<ChangeSet, CompletionStage<Void>> dispatch;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final AtomicLong receipts = new AtomicLong();
    private final Set<OpenChangeSet> firing = ConcurrentHashMap.newKeySet();
    private volatile ChangeSetRecorder recorder = ChangeSetRecorder.NONE;
    // guarded by this
    private final Map<String, OpenChangeSet> open = new HashMap<>();
    private boolean stopping;

    /**
     * @param settings the codebases whose changes are gathered, by codebase
     * @param dispatch fires a set to its observers; completes when they have, exceptionally if one failed
     */
    public ChangeSetGatherer(Map<String, ChangeSetSettings> settings, Function<ChangeSet, CompletionStage<Void>> dispatch,
            Executor workers, ScheduledExecutorService timer) {
        this.settings = Map.copyOf(settings);
        this.dispatch = dispatch;
        this.workers = workers;
        this.timer = timer;
    }

    /** @return whether any codebase gathers sets */
    public boolean any() {
        return !settings.isEmpty();
    }

    /** @return whether the changes of that codebase are gathered into sets */
    public boolean gathers(String codebase) {
        return settings.containsKey(codebase);
    }

    /**
     * Reserves places in the order of receipt, for the messages of a batch, before they are handled.
     *
     * @return the place of the first message; the others follow it
     */
    public long reserveOrder(int messages) {
        return receipts.getAndAdd(messages);
    }

    public void recordWith(ChangeSetRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Adds a change to the open set of its codebase, which must {@link #gathers gather} sets; fires the set at once if
     * it is full. While the application stops, the member is told at once that the set is abandoned.
     *
     * @param order the place of the change's message in the order of receipt
     * @param index the change's place among the changes of its message
     */
    public void add(Change change, long order, int index, SetMember member) {
        ChangeSetSettings codebase = settings.get(change.codebase());
        OpenChangeSet full = null;
        boolean abandoned;
        synchronized (this) {
            abandoned = stopping;
            if (!abandoned) {
                long now = System.nanoTime();
                OpenChangeSet set = open.get(codebase.codebase());
                if (set == null) {
                    set = new OpenChangeSet(codebase, now, Instant.now());
                    open.put(codebase.codebase(), set);
                    scheduleCheck(set, codebase.quietPeriod().toNanos());
                }
                set.add(new OpenChangeSet.Entry(change, order, index, member), now);
                if (set.full()) {
                    open.remove(codebase.codebase());
                    full = set;
                }
            }
        }
        if (abandoned) {
            member.settled(SetMember.Outcome.ABANDONED, null);
        } else if (full != null) {
            fire(full, ChangeSet.Trigger.MAX_CHANGES);
        }
    }

    /** Stops gathering: the open sets are not fired, and their members are told so at once. */
    public void stop() {
        List<OpenChangeSet> abandoned;
        synchronized (this) {
            stopping = true;
            abandoned = new ArrayList<>(open.values());
            open.clear();
        }
        for (OpenChangeSet set : abandoned) {
            set.cancelCheck();
            LOG.infof("The change set of codebase '%s' (%d changes) is not fired: the application is stopping; its"
                    + " messages are made visible again at once", set.codebase(), set.size());
            settle(set, SetMember.Outcome.ABANDONED, null);
        }
    }

    /** @return the sets being gathered and those whose observers run, by codebase */
    public List<OpenSetView> openSets() {
        long now = System.nanoTime();
        List<OpenSetView> views = new ArrayList<>();
        synchronized (this) {
            for (OpenChangeSet set : open.values()) {
                views.add(view(set, now, false));
            }
        }
        for (OpenChangeSet set : firing) {
            views.add(view(set, now, true));
        }
        views.sort(Comparator.comparing(OpenSetView::codebase).thenComparing(OpenSetView::firstChangeAt));
        return views;
    }

    private OpenSetView view(OpenChangeSet set, long now, boolean fired) {
        synchronized (this) {
            return new OpenSetView(set.codebase(), set.size(), set.firstAt().toString(),
                    TimeUnit.NANOSECONDS.toMillis(now - set.firstNanos()),
                    fired ? 0 : TimeUnit.NANOSECONDS.toMillis(set.nanosUntilDue(now)), fired);
        }
    }

    /**
     * A set as the Dev UI shows it.
     *
     * @param firstChangeAt when its first change came, ISO-8601
     * @param dueInMillis how long until it is fired, if no change comes meanwhile; 0 once fired
     * @param fired whether it was fired and its observers run
     */
    public record OpenSetView(String codebase, int changes, String firstChangeAt, long openMillis, long dueInMillis,
            boolean fired) {
    }

    /** Guarded by {@code this}. */
    private void scheduleCheck(OpenChangeSet set, long delayNanos) {
        set.checkWith(timer.schedule(() -> check(set), delayNanos, TimeUnit.NANOSECONDS));
    }

    /** On the timer: fires the set if it is due, or checks it again when it will be. */
    private void check(OpenChangeSet set) {
        ChangeSet.Trigger trigger;
        synchronized (this) {
            if (open.get(set.codebase()) != set) {
                return;
            }
            long now = System.nanoTime();
            trigger = set.due(now);
            if (trigger == null) {
                scheduleCheck(set, set.nanosUntilDue(now));
                return;
            }
            open.remove(set.codebase());
        }
        fire(set, trigger);
    }

    private void fire(OpenChangeSet set, ChangeSet.Trigger trigger) {
        set.cancelCheck();
        ChangeSet event = set.toEvent(trigger);
        LOG.debugf("Firing the change set of codebase '%s': %d changes (%s)", set.codebase(), set.size(), trigger);
        try {
            recorder.fired(event, System.nanoTime() - set.firstNanos());
        } catch (Throwable e) {
            LOG.debugf(e, "Recording a change set failed");
        }
        firing.add(set);
        try {
            workers.execute(() -> run(set, event));
        } catch (RejectedExecutionException e) {
            completed(set, e);
        }
    }

    private void run(OpenChangeSet set, ChangeSet event) {
        CompletionStage<Void> observed;
        try {
            observed = dispatch.apply(event);
        } catch (Throwable e) {
            observed = CompletableFuture.failedFuture(e);
        }
        observed.whenComplete((ignored, failure) -> completed(set, failure));
    }

    private void completed(OpenChangeSet set, Throwable failure) {
        firing.remove(set);
        if (failure == null) {
            settle(set, SetMember.Outcome.HANDLED, null);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        recorder.failed(set.codebase());
        LOG.errorf(cause, "An observer of the change set of codebase '%s' (%d changes) failed; its messages are"
                + " handled as their queues' on-failure says, and their changes gathered again when they come back",
                set.codebase(), set.size());
        settle(set, SetMember.Outcome.FAILED, cause);
    }

    private static void settle(OpenChangeSet set, SetMember.Outcome outcome, Throwable failure) {
        for (OpenChangeSet.Entry entry : set.entries()) {
            try {
                entry.member().settled(outcome, failure);
            } catch (Throwable e) {
                LOG.errorf(e, "Settling message %s of a change set of codebase '%s' failed; it will be delivered"
                        + " again", entry.member().messageId(), set.codebase());
            }
        }
    }
}
