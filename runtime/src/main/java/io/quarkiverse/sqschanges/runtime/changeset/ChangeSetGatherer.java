package io.quarkiverse.sqschanges.runtime.changeset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.runtime.dispatch.ObserversRefusedException;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;

/**
 * Gathers the changes of the codebases configured for change sets into one open set per codebase, and fires a
 * codebase's sets one at a time, in order, on a worker thread: a set that is due (quiet period, maximum wait or
 * maximum size) waits while the previous one's observers run, and changes that come meanwhile gather into the next.
 * Each change's {@link SetMember} is told how its set went. When a set holding changes of a FIFO queue fails, the
 * changes of the same message groups received before the failure fail with it, in the sets gathered after it and as
 * they come, so that each group comes back in order. At shutdown, the sets not yet fired are abandoned: their members
 * are told at once.
 */
public final class ChangeSetGatherer {

    private static final Logger LOG = Logger.getLogger(ChangeSetGatherer.class);
    private static final int MAX_FAILED_GROUPS = 10_000;

    private final Map<String, ChangeSetSettings> settings;
    private final Function<ChangeSet, CompletionStage<Void>> dispatch;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final AtomicLong receipts = new AtomicLong();
    private volatile ChangeSetRecorder recorder = ChangeSetRecorder.NONE;
    // guarded by this
    private final Map<String, Codebase> codebases = new HashMap<>();
    /**
     * The message groups of failed sets: a change of such a group whose message was received before the failure (a
     * place in the order of receipt below the group's) fails too, or is abandoned if the set was refused by the worker
     * pool. The oldest are forgotten beyond a bound.
     */
    private final Map<OpenChangeSet.GroupKey, Barrier> failedGroups = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OpenChangeSet.GroupKey, Barrier> eldest) {
            return size() > MAX_FAILED_GROUPS;
        }
    };
    private boolean stopping;

    /** The sets of one codebase: the one being gathered, those due and waiting their turn, and whether one runs. */
    private static final class Codebase {
        OpenChangeSet open;
        final Deque<Due> due = new ArrayDeque<>();
        OpenChangeSet running;
        long runningSince;
        ScheduledFuture<?> stallCheck;
        boolean stalled;
    }

    private record Due(OpenChangeSet set, ChangeSet.Trigger trigger) {
    }

    /**
     * @param order the place in the order of receipt from which a group's changes came after its set failed
     * @param refused whether the set was refused by the worker pool rather than failed by an observer
     */
    private record Barrier(long order, boolean refused) {
    }

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
     * Adds a change to the open set of its codebase, which must {@link #gathers gather} sets; a full set is due at
     * once. While the application stops, the member is told at once that the set is abandoned; if the change cannot
     * be gathered, that it failed. Never throws.
     *
     * @param order the place of the change's message in the order of receipt
     * @param index the change's place among the changes of its message
     */
    public void add(Change change, long order, int index, SetMember member) {
        SetMember.Outcome refused = null;
        Throwable failure = null;
        Due fire = null;
        Barrier barrier;
        synchronized (this) {
            if (stopping) {
                refused = SetMember.Outcome.ABANDONED;
            } else if ((barrier = receivedBeforeItsGroupFailed(change, order)) != null) {
                refused = barrier.refused() ? SetMember.Outcome.ABANDONED : SetMember.Outcome.FAILED;
                failure = barrier.refused() ? null
                        : new IllegalStateException("an earlier change of its message group failed in its change set");
            } else {
                try {
                    ChangeSetSettings rules = settings.get(change.codebase());
                    Codebase codebase = codebases.computeIfAbsent(rules.codebase(), key -> new Codebase());
                    long now = System.nanoTime();
                    OpenChangeSet set = codebase.open;
                    if (set == null) {
                        set = new OpenChangeSet(rules, now, Instant.now());
                        // scheduled before it is published: a set without its check would never be due
                        scheduleCheck(set, rules.quietPeriod().toNanos());
                        codebase.open = set;
                    }
                    set.add(new OpenChangeSet.Entry(change, order, index, member), now);
                    if (set.full()) {
                        codebase.open = null;
                        codebase.due.add(new Due(set, ChangeSet.Trigger.MAX_CHANGES));
                        fire = next(codebase);
                    }
                } catch (RuntimeException e) {
                    refused = SetMember.Outcome.FAILED;
                    failure = e;
                }
            }
        }
        if (refused != null) {
            if (failure instanceof RuntimeException && !(failure instanceof IllegalStateException)) {
                LOG.errorf(failure, "Gathering a change of codebase '%s' into its change set failed",
                        change.codebase());
            } else if (failure != null) {
                LOG.debugf("Change of message %s fails with its group: %s", member.messageId(), failure.getMessage());
            }
            tell(member, refused, failure);
        } else if (fire != null) {
            fire(fire);
        }
    }

    /**
     * Guarded by {@code this}.
     *
     * @return the failure of the change's group that the change was received before, or {@code null}
     */
    private Barrier receivedBeforeItsGroupFailed(Change change, long order) {
        if (failedGroups.isEmpty()) {
            return null;
        }
        Optional<OpenChangeSet.GroupKey> group = OpenChangeSet.GroupKey.of(change);
        Barrier barrier = group.map(failedGroups::get).orElse(null);
        if (barrier == null) {
            return null;
        }
        if (order < barrier.order()) {
            return barrier;
        }
        // received after the failure: the group came back
        failedGroups.remove(group.get());
        return null;
    }

    /** Stops gathering: the sets not yet fired are abandoned, and their members told so at once. */
    public void stop() {
        List<OpenChangeSet> abandoned = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            for (Codebase codebase : codebases.values()) {
                if (codebase.open != null) {
                    abandoned.add(codebase.open);
                    codebase.open = null;
                }
                codebase.due.forEach(due -> abandoned.add(due.set()));
                codebase.due.clear();
            }
        }
        for (OpenChangeSet set : abandoned) {
            set.cancelCheck();
            LOG.infof("The change set of codebase '%s' (%d changes) is not fired: the application is stopping; its"
                    + " messages are made visible again at once", set.codebase(), set.size());
            settle(set, SetMember.Outcome.ABANDONED, null);
        }
    }

    /** @return the codebases whose running set's observers have outlived its {@code handler-timeout}, by name */
    public synchronized Map<String, Duration> stalled() {
        Map<String, Duration> stalled = new TreeMap<>();
        long now = System.nanoTime();
        codebases.forEach((name, codebase) -> {
            if (codebase.stalled) {
                stalled.put(name, Duration.ofNanos(now - codebase.runningSince));
            }
        });
        return stalled;
    }

    /** @return the sets being gathered, waiting their turn, and running, by codebase */
    public List<OpenSetView> openSets() {
        long now = System.nanoTime();
        List<OpenSetView> views = new ArrayList<>();
        synchronized (this) {
            for (Codebase codebase : codebases.values()) {
                if (codebase.running != null) {
                    views.add(view(codebase.running, now, codebase.stalled ? OpenSetView.STALLED : OpenSetView.RUNNING));
                }
                codebase.due.forEach(due -> views.add(view(due.set(), now, OpenSetView.WAITING)));
                if (codebase.open != null) {
                    views.add(view(codebase.open, now, OpenSetView.GATHERING));
                }
            }
        }
        views.sort(Comparator.comparing(OpenSetView::codebase).thenComparing(OpenSetView::firstChangeAt));
        return views;
    }

    /** Guarded by {@code this}. */
    private static OpenSetView view(OpenChangeSet set, long now, String state) {
        return new OpenSetView(set.codebase(), set.size(), set.firstAt().toString(),
                TimeUnit.NANOSECONDS.toMillis(now - set.firstNanos()),
                state.equals(OpenSetView.GATHERING) ? TimeUnit.NANOSECONDS.toMillis(set.nanosUntilDue(now)) : 0,
                state);
    }

    /**
     * A set as the Dev UI shows it.
     *
     * @param firstChangeAt when its first change came, ISO-8601
     * @param dueInMillis while gathering, how long until it is due if no change comes meanwhile; 0 otherwise
     * @param state {@value #GATHERING}, {@value #WAITING} (due, after the set that runs), {@value #RUNNING} or
     *        {@value #STALLED} (running longer than its {@code handler-timeout})
     */
    public record OpenSetView(String codebase, int changes, String firstChangeAt, long openMillis, long dueInMillis,
            String state) {

        public static final String GATHERING = "gathering";
        public static final String WAITING = "waiting";
        public static final String RUNNING = "running";
        public static final String STALLED = "stalled";
    }

    /** Guarded by {@code this}. */
    private void scheduleCheck(OpenChangeSet set, long delayNanos) {
        set.checkWith(timer.schedule(() -> check(set), delayNanos, TimeUnit.NANOSECONDS));
    }

    /** On the timer: makes the set due if it is, or checks it again when it will be. */
    private void check(OpenChangeSet set) {
        Due fire;
        synchronized (this) {
            Codebase codebase = codebases.get(set.codebase());
            if (codebase == null || codebase.open != set) {
                return;
            }
            long now = System.nanoTime();
            ChangeSet.Trigger trigger = set.due(now);
            if (trigger == null) {
                scheduleCheck(set, set.nanosUntilDue(now));
                return;
            }
            codebase.open = null;
            codebase.due.add(new Due(set, trigger));
            fire = next(codebase);
        }
        if (fire != null) {
            fire(fire);
        }
    }

    /**
     * Guarded by {@code this}.
     *
     * @return the codebase's next due set, now running, or {@code null} if one runs already or none is due
     */
    private Due next(Codebase codebase) {
        if (codebase.running != null || codebase.due.isEmpty()) {
            return null;
        }
        Due next = codebase.due.poll();
        codebase.running = next.set();
        codebase.runningSince = System.nanoTime();
        Duration timeout = settings.get(next.set().codebase()).handlerTimeout();
        if (!timeout.isZero()) {
            OpenChangeSet running = next.set();
            codebase.stallCheck = timer.schedule(() -> stallIfRunning(codebase, running, timeout), timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        return next;
    }

    /** On the timer: reports the set as stalled if its observers still run. */
    private void stallIfRunning(Codebase codebase, OpenChangeSet set, Duration timeout) {
        synchronized (this) {
            if (codebase.running != set) {
                return;
            }
            codebase.stalled = true;
        }
        LOG.warnf("The observers of the change set of codebase '%s' (%d changes) are still running after %s (%s): they"
                + " may hang. Its messages stay hidden while they run, and the codebase's next sets wait for them",
                set.codebase(), set.size(), timeout, ChangeSetSettings.property(set.codebase(), "handler-timeout"));
    }

    private void fire(Due due) {
        OpenChangeSet set = due.set();
        set.cancelCheck();
        try {
            ChangeSet event = set.toEvent(due.trigger());
            LOG.debugf("Firing the change set of codebase '%s': %d changes (%s)", set.codebase(), set.size(),
                    due.trigger());
            long gatheredNanos = System.nanoTime() - set.firstNanos();
            workers.execute(() -> run(set, event, gatheredNanos));
        } catch (RejectedExecutionException e) {
            // not an observer's failure: its messages are never deleted for it, whatever on-failure says
            LOG.warnf("The worker thread pool refused to run the change set of codebase '%s' (%d changes; %s); its"
                    + " messages are made visible again at once and their changes gathered again when they come back."
                    + " Raise quarkus.thread-pool.max-threads or quarkus.thread-pool.queue-size", set.codebase(),
                    set.size(), e.getMessage());
            completed(set, e, false);
        } catch (Throwable e) {
            LOG.errorf(e, "Firing the change set of codebase '%s' (%d changes) failed", set.codebase(), set.size());
            completed(set, e, false);
        }
    }

    private void run(OpenChangeSet set, ChangeSet event, long gatheredNanos) {
        // counted here, not when handed to the pool: a set the pool refuses is not fired
        try {
            recorder.fired(event, gatheredNanos);
        } catch (Throwable e) {
            LOG.debugf(e, "Recording the change set of codebase '%s' failed", set.codebase());
        }
        CompletionStage<Void> observed;
        try {
            observed = dispatch.apply(event);
        } catch (ObserversRefusedException e) {
            // the synchronous observers ran, the asynchronous ones never will: not a failure of the set
            LOG.warnf("The worker thread pool refused to run the asynchronous observers of the change set of codebase"
                    + " '%s' (%d changes; %s); its messages are made visible again at once and their changes gathered"
                    + " again when they come back. Raise quarkus.thread-pool.max-threads or"
                    + " quarkus.thread-pool.queue-size", set.codebase(), set.size(), e.refusal().getMessage());
            completed(set, e.refusal(), false);
            return;
        } catch (Throwable e) {
            observed = CompletableFuture.failedFuture(e);
        }
        observed.whenComplete((ignored, failure) -> completed(set, failure, true));
    }

    /**
     * Settles the members of a set whose observers completed, then fires the codebase's next due set. After a failed
     * set with changes of a FIFO queue, the later changes of its message groups fail too.
     *
     * @param observed whether all its observers ran (rather than the pool refusing to fire the set or to run its
     *        asynchronous observers)
     */
    private void completed(OpenChangeSet set, Throwable failure, boolean observed) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        // refused by the worker pool: its (asynchronous) observers never ran
        boolean refused = !observed && cause instanceof RejectedExecutionException;
        SetMember.Outcome failedOutcome = refused ? SetMember.Outcome.ABANDONED : SetMember.Outcome.FAILED;
        Throwable told = refused ? null : cause;
        List<OpenChangeSet.Entry> failedWith = new ArrayList<>();
        Due fire;
        boolean wasStalled;
        long ranNanos;
        synchronized (this) {
            Codebase codebase = codebases.get(set.codebase());
            codebase.running = null;
            wasStalled = codebase.stalled;
            codebase.stalled = false;
            ranNanos = System.nanoTime() - codebase.runningSince;
            if (codebase.stallCheck != null) {
                codebase.stallCheck.cancel(false);
                codebase.stallCheck = null;
            }
            Set<OpenChangeSet.GroupKey> groups = cause != null ? set.groups() : Set.of();
            if (!groups.isEmpty()) {
                long barrier = receipts.get();
                groups.forEach(group -> failedGroups.put(group, new Barrier(barrier, refused)));
                for (Iterator<Due> due = codebase.due.iterator(); due.hasNext();) {
                    OpenChangeSet later = due.next().set();
                    failedWith.addAll(later.remove(groups));
                    if (later.size() == 0) {
                        due.remove();
                    }
                }
                if (codebase.open != null) {
                    failedWith.addAll(codebase.open.remove(groups));
                    if (codebase.open.size() == 0) {
                        codebase.open.cancelCheck();
                        codebase.open = null;
                    }
                }
            }
            fire = next(codebase);
        }
        if (wasStalled) {
            LOG.infof("The observers of the change set of codebase '%s' completed after %d ms", set.codebase(),
                    TimeUnit.NANOSECONDS.toMillis(ranNanos));
        }
        try {
            if (cause == null) {
                settle(set, SetMember.Outcome.HANDLED, null);
                return;
            }
            if (!refused) {
                try {
                    recorder.failed(set.codebase());
                } catch (Throwable e) {
                    LOG.debugf(e, "Recording a failed change set failed");
                }
            }
            if (observed) {
                LOG.errorf(cause, "An observer of the change set of codebase '%s' (%d changes) failed; its messages are"
                        + " handled as their queues' on-failure says, and their changes gathered again when they come"
                        + " back", set.codebase(), set.size());
            }
            settle(set, failedOutcome, told);
            if (!failedWith.isEmpty()) {
                LOG.warnf("%d later change(s) of codebase '%s' from the same FIFO message groups %s with the change set,"
                        + " so that each group comes back in order", failedWith.size(), set.codebase(),
                        refused ? "are made visible again" : "fail");
                failedWith.forEach(entry -> tell(entry.member(), failedOutcome, told));
            }
        } finally {
            if (fire != null) {
                fire(fire);
            }
        }
    }

    private static void settle(OpenChangeSet set, SetMember.Outcome outcome, Throwable failure) {
        for (OpenChangeSet.Entry entry : set.entries()) {
            tell(entry.member(), outcome, failure);
        }
    }

    private static void tell(SetMember member, SetMember.Outcome outcome, Throwable failure) {
        try {
            member.settled(outcome, failure);
        } catch (Throwable e) {
            LOG.errorf(e, "Settling message %s after its change set failed; it will be delivered again",
                    member.messageId());
        }
    }
}
