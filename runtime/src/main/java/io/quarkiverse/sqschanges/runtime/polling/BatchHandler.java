package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.changeset.SetMember;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.dispatch.ObserversRefusedException;
import io.quarkiverse.sqschanges.runtime.format.InvalidMessageException;
import io.quarkiverse.sqschanges.runtime.polling.FailurePolicy.Decision;
import io.quarkiverse.sqschanges.runtime.polling.FailurePolicy.Fate;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Turns a received batch into changes, fires them, and settles each message as the {@link FailurePolicy} decides:
 * deleted once every observer completed normally; after a failure, kept, deleted or retried later as the queue says.
 * A message whose changes are gathered into change sets is held past its batch, hidden, until its sets are done.
 * <p>
 * On a FIFO queue the messages of one group are handled one after the other, each after the previous one's
 * observers (asynchronous ones included) have completed; after a message of a group is kept, the rest of that
 * group's messages in the batch are held back, so that SQS delivers them again in order.
 */
final class BatchHandler {

    private static final Logger LOG = Logger.getLogger(BatchHandler.class);

    private final QueueSettings queue;
    private final ChangeFactory changeFactory;
    private final Function<Change, CompletionStage<Void>> dispatch;
    private final DuplicateClaims duplicates;
    private final QueueCounters counters;
    private final ChangeTracing tracing;
    private final FailurePolicy policy;
    private final ChangeSetGatherer sets;
    private final AtomicBoolean warnedNoHeartbeat = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Consumer<RejectedExecutionException> refusals = e -> {
    };

    /**
     * @param dispatch fires a change to its observers; completes when they have, exceptionally if one failed
     * @param duplicates the queue's duplicate filter, with no filter if the queue does not deduplicate
     * @param sets gathers the changes of the codebases configured for change sets
     */
    BatchHandler(QueueSettings queue, ChangeFactory changeFactory, Function<Change, CompletionStage<Void>> dispatch,
            DuplicateClaims duplicates, QueueCounters counters, ChangeTracing tracing, ChangeSetGatherer sets) {
        this.queue = queue;
        this.tracing = tracing;
        this.counters = counters;
        this.changeFactory = changeFactory;
        this.dispatch = dispatch;
        this.duplicates = duplicates;
        this.policy = new FailurePolicy(queue);
        this.sets = sets;
    }

    /** @return whether the changes of this queue's codebase are gathered into change sets */
    boolean feedsChangeSets() {
        return sets.gathers(queue.codebase());
    }

    /** @param refusals told when the worker pool refuses to run a message's asynchronous observers */
    void reportRefusalsTo(Consumer<RejectedExecutionException> refusals) {
        this.refusals = refusals;
    }

    /** The application is stopping: mappers and observers that fail from now on most likely outlived what they use. */
    void stopping() {
        stopping = true;
    }

    /**
     * Handles a batch on the calling thread (synchronous observers run on it).
     *
     * @param visibility told about each message that is neither deleted nor delayed (kept, or held back), as soon as
     *        that is known, so that SQS may deliver it again; the others stay hidden until the batch is settled, and
     *        those whose changes wait in change sets, until these are done
     * @return what to do with the messages, once every observer of the batch has completed
     */
    CompletionStage<BatchOutcome> handle(String queueUrl, List<Message> messages, BatchVisibility visibility) {
        long firstOrder = sets.any() ? sets.reserveOrder(messages.size()) : 0;
        return queue.fifo() ? handleInGroupOrder(queueUrl, messages, visibility, firstOrder)
                : handleAll(queueUrl, messages, visibility, firstOrder);
    }

    private CompletionStage<BatchOutcome> handleAll(String queueUrl, List<Message> messages,
            BatchVisibility visibility, long firstOrder) {
        BatchOutcome outcome = new BatchOutcome();
        List<CompletableFuture<Void>> all = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            all.add(handleOne(queueUrl, message, new Receipt(firstOrder + i, visibility)).thenAccept(decision -> {
                outcome.settle(message, decision);
                if (decision.fate() == Fate.KEEP) {
                    visibility.released(message);
                }
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> outcome);
    }

    private CompletionStage<BatchOutcome> handleInGroupOrder(String queueUrl, List<Message> messages,
            BatchVisibility visibility, long firstOrder) {
        BatchOutcome outcome = new BatchOutcome();
        Set<String> heldGroups = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String group = SqsMessage.of(message).messageGroupId().orElse("");
            if (heldGroups.contains(group)) {
                LOG.debugf("Holding back message %s of queue '%s': an earlier message of group '%s' was kept",
                        message.messageId(), queue.name(), group);
                visibility.released(message);
            } else {
                Decision decision = handleOne(queueUrl, message, new Receipt(firstOrder + i, visibility)).join();
                outcome.settle(message, decision);
                // a message held for its change sets was handled: the group goes on
                if (decision.fate() != Fate.DELETE && decision.fate() != Fate.HOLD) {
                    heldGroups.add(group);
                }
                if (decision.fate() == Fate.KEEP) {
                    visibility.released(message);
                }
            }
        }
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Handles one message in its span: mapping and synchronous observers run with the span current. Whatever
     * tracing throws fails this message only (kept), never its batch.
     *
     * @return the decision, once the message's observers have completed; never completes exceptionally
     */
    private CompletableFuture<Decision> handleOne(String queueUrl, Message sdkMessage, Receipt receipt) {
        SqsMessage message = SqsMessage.of(sdkMessage);
        ChangeTracing.MessageSpan span = ChangeTracing.NO_SPAN;
        CompletableFuture<Decision> decision = null;
        try {
            span = tracing.start(queue, queueUrl, message);
            try (ChangeTracing.Scope ignored = span.makeCurrent()) {
                decision = handleInSpan(queueUrl, message, span, receipt);
            }
        } catch (Throwable e) {
            // formats, mappers and observers are handled in handleInSpan: this is the extension's own failure
            // (tracing, say), which fails this message only, never the batch or the loop
            failedInSpan(span, e);
            if (decision == null) {
                LOG.errorf(e, "Handling message %s of queue '%s' failed; the message is %s", message.messageId(),
                        queue.name(), FailurePolicy.KEPT.description());
                decision = CompletableFuture.completedFuture(FailurePolicy.KEPT);
            } else {
                // the message was handled; only leaving its span failed
                LOG.warnf(e, "Tracing message %s of queue '%s' failed", message.messageId(), queue.name());
            }
        }
        ChangeTracing.MessageSpan started = span;
        return decision.handle((result, failure) -> {
            try {
                started.end();
            } catch (Throwable e) {
                LOG.warnf(e, "Ending the span of message %s of queue '%s' failed", message.messageId(), queue.name());
            }
            if (failure != null) {
                LOG.errorf(failure, "Handling message %s of queue '%s' failed; the message is %s",
                        message.messageId(), queue.name(), FailurePolicy.KEPT.description());
                return FailurePolicy.KEPT;
            }
            return result;
        });
    }

    private static void failedInSpan(ChangeTracing.MessageSpan span, Throwable e) {
        try {
            span.failed(e);
        } catch (Throwable ignored) {
            // the span is what failed
        }
    }

    private CompletableFuture<Decision> handleInSpan(String queueUrl, SqsMessage message,
            ChangeTracing.MessageSpan span, Receipt receipt) {
        switch (duplicates.claim(message, receipt.visibility().visibilitySeconds())) {
            case HANDLED:
                LOG.debugf("Message %s of queue '%s' was already handled; the duplicate is deleted",
                        message.messageId(), queue.name());
                counters.duplicateSkipped();
                return CompletableFuture.completedFuture(FailurePolicy.HANDLED);
            case IN_FLIGHT:
                LOG.debugf("Another copy of message %s of queue '%s' is being handled; this one is %s",
                        message.messageId(), queue.name(), FailurePolicy.COPY_IN_FLIGHT.description());
                return CompletableFuture.completedFuture(FailurePolicy.COPY_IN_FLIGHT);
            default:
                try {
                    return handleClaimed(queueUrl, message, span, receipt);
                } catch (Throwable e) {
                    duplicates.release(message);
                    throw e;
                }
        }
    }

    /** Handles a message claimed in the duplicate filter: confirmed once its observers completed, else released. */
    private CompletableFuture<Decision> handleClaimed(String queueUrl, SqsMessage message,
            ChangeTracing.MessageSpan span, Receipt receipt) {
        List<Change> changes;
        try {
            changes = changeFactory.toChanges(queueUrl, message);
        } catch (InvalidMessageException e) {
            failedInSpan(span, e);
            return released(message, invalid(message, e));
        } catch (Throwable e) {
            failedInSpan(span, e);
            return released(message, invalid(message, new InvalidMessageException(
                    "turning it into a change threw " + Failures.describe(e), e)));
        }
        if (changes.isEmpty()) {
            LOG.debugf("Message %s of queue '%s' makes no change (format %s, mapper %s); it is deleted",
                    message.messageId(), queue.name(), queue.format().name().toLowerCase(), changeFactory.mapperName());
            return released(message, FailurePolicy.HANDLED);
        }
        counters.fired(changes.size());
        long start = System.nanoTime();
        AtomicReference<String> failedChange = new AtomicReference<>();
        AtomicReference<RejectedExecutionException> refused = new AtomicReference<>();
        return dispatchAll(changes, failedChange, refused).handle((ignored, failure) -> {
            boolean confirmed = false;
            try {
                counters.timings().handled(System.nanoTime() - start);
                if (refused.get() != null) {
                    // not an observer's failure: its asynchronous observers never ran, whatever on-failure says
                    failedInSpan(span, refused.get());
                    return refused(message, refused.get());
                }
                if (failure == null) {
                    boolean held = holdForChangeSets(message, changes, receipt);
                    // held for change sets, the claim is confirmed or released once they are done
                    confirmed = true;
                    if (held) {
                        return FailurePolicy.HELD;
                    }
                    duplicates.handled(message);
                    return FailurePolicy.HANDLED;
                }
                Decision decision = observerFailed(message, Failures.unwrap(failure), failedChange.get());
                failedInSpan(span, Failures.unwrap(failure));
                return decision;
            } finally {
                // whatever went wrong here, a claim that was not confirmed must not block the message's next copy
                if (!confirmed) {
                    duplicates.release(message);
                }
            }
        });
    }

    /**
     * Adds the message's changes of codebases configured for change sets to their sets, and holds the message hidden
     * until these are done.
     *
     * @return whether the message is held; if not, it is settled as usual
     */
    private boolean holdForChangeSets(SqsMessage message, List<Change> changes, Receipt receipt) {
        if (!sets.any()) {
            return false;
        }
        List<Integer> gathered = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (sets.gathers(changes.get(i).codebase())) {
                gathered.add(i);
            }
        }
        if (gathered.isEmpty()) {
            return false;
        }
        HeldMessages.HeldMessage held = receipt.visibility().hold(message.sdkMessage());
        SetMember member;
        if (held == null) {
            if (warnedNoHeartbeat.compareAndSet(false, true)) {
                LOG.warnf("Changes of codebase '%s' gathered into change sets come from queue '%s', which has no"
                        + " visibility heartbeat (%s): their messages are deleted before their sets are handled",
                        changes.get(gathered.get(0)).codebase(), queue.name(), queue.property("visibility-heartbeat"));
            }
            member = new NotHeld(message.messageId());
        } else {
            member = new HeldMember(message, held, gathered.size());
        }
        for (int index : gathered) {
            sets.add(changes.get(index), receipt.order(), index, member);
        }
        return held != null;
    }

    private CompletableFuture<Decision> released(SqsMessage message, Decision decision) {
        duplicates.release(message);
        return CompletableFuture.completedFuture(decision);
    }

    /**
     * Fires the changes one after the other, each even when an observer of an earlier one failed; completes when
     * the observers of all have completed, exceptionally if any failed.
     *
     * @param failedChange set to a description of the first change whose observers failed, when there are several
     */
    private CompletableFuture<Void> dispatchAll(List<Change> changes, AtomicReference<String> failedChange,
            AtomicReference<RejectedExecutionException> refused) {
        if (changes.size() == 1) {
            return dispatchOne(changes.get(0), refused);
        }
        List<CompletableFuture<Void>> outcomes = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String description = "change " + (i + 1) + " of " + changes.size() + ", revision " + change.revision();
            outcomes.add(dispatchOne(change, refused).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    failedChange.compareAndSet(null, description);
                }
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    /**
     * @param refused set when the worker pool refused to run the change's asynchronous observers, once the
     *        synchronous ones have run (an observer that throws a {@code RejectedExecutionException} itself fails)
     * @return completes when the change's observers have; a synchronous observer's exception fails it
     */
    private CompletableFuture<Void> dispatchOne(Change change, AtomicReference<RejectedExecutionException> refused) {
        try {
            return dispatch.apply(change).toCompletableFuture();
        } catch (ObserversRefusedException e) {
            refused.compareAndSet(null, e.refusal());
            return CompletableFuture.failedFuture(e.refusal());
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The worker pool refused to run observers of the message: it is made visible again, never deleted. */
    private Decision refused(SqsMessage message, RejectedExecutionException e) {
        LOG.debugf("The worker pool refused to run the asynchronous observers of message %s of queue '%s'; the message"
                + " is %s", message.messageId(), queue.name(), FailurePolicy.REFUSED.description());
        try {
            refusals.accept(e);
        } catch (Throwable failure) {
            LOG.debugf(failure, "Reporting a refusal of the worker pool failed");
        }
        return FailurePolicy.REFUSED;
    }

    private Decision invalid(SqsMessage message, InvalidMessageException e) {
        boolean mapperFailed = e.getCause() != null;
        counters.handlingFailed(mapperFailed ? QueueCounters.FailureReason.MAPPING
                : QueueCounters.FailureReason.INVALID);
        Decision decision = policy.invalid(message, mapperFailed, stopping);
        if (mapperFailed && stopping) {
            LOG.warnf("The mapper failed on message %s of queue '%s' while the application was stopping (%s); the"
                    + " message stays on the queue and is delivered again", message.messageId(), queue.name(),
                    Failures.describe(e.getCause()));
            LOG.debugf(e.getCause(), "Mapping message %s during shutdown failed", message.messageId());
            return decision;
        }
        LOG.errorf(e.getCause(), "Invalid message %s on queue '%s': %s. The message is %s.", message.messageId(),
                queue.name(), e.getMessage(), decision.description());
        // the details (where in the body, what is wrong) may quote it, as the body does
        e.details().ifPresent(details -> LOG.debugf("Invalid message %s: %s", message.messageId(), details));
        LOG.debugf("Body of invalid message %s: %s", message.messageId(), message.body());
        return decision;
    }

    /** @param change which of the message's changes failed, when it made several; {@code null} otherwise */
    private Decision observerFailed(SqsMessage message, Throwable failure, String change) {
        counters.handlingFailed(QueueCounters.FailureReason.OBSERVER);
        Decision decision = policy.observerFailed(message, stopping);
        if (stopping) {
            LOG.warnf("Message %s of queue '%s' was still being handled when the application stopped (%s); it stays"
                    + " on the queue and is delivered again", message.messageId(), queue.name(),
                    Failures.describe(failure));
            LOG.debugf(failure, "Handling message %s during shutdown failed", message.messageId());
            return decision;
        }
        LOG.errorf(failure, "An observer of the change of message %s on queue '%s' failed%s. The message is %s.",
                message.messageId(), queue.name(), change == null ? "" : " (" + change + ")", decision.description());
        LOG.debugf("Body of message %s: %s", message.messageId(), message.body());
        return decision;
    }

    /**
     * Where a message stands among those received.
     *
     * @param order its place in the order of receipt, for change sets
     * @param visibility the heartbeat of its batch
     */
    private record Receipt(long order, BatchVisibility visibility) {
    }

    /**
     * A held message whose changes wait in change sets: once each has been told how its set went, the message is
     * deleted (all handled), made visible at once (a set was abandoned at shutdown), or handled as after a failed
     * observer.
     */
    private final class HeldMember implements SetMember {

        private final SqsMessage message;
        private final HeldMessages.HeldMessage held;
        private int waiting;
        private boolean abandoned;
        private Throwable failure;

        HeldMember(SqsMessage message, HeldMessages.HeldMessage held, int changes) {
            this.message = message;
            this.held = held;
            this.waiting = changes;
        }

        @Override
        public void settled(Outcome outcome, Throwable failure) {
            synchronized (this) {
                if (outcome == Outcome.ABANDONED) {
                    abandoned = true;
                } else if (outcome == Outcome.FAILED && this.failure == null) {
                    this.failure = failure;
                }
                if (--waiting > 0) {
                    return;
                }
            }
            if (abandoned) {
                duplicates.release(message);
                held.releaseNow();
            } else if (this.failure == null) {
                duplicates.handled(message);
                held.settle(FailurePolicy.HANDLED);
            } else {
                duplicates.release(message);
                counters.handlingFailed(QueueCounters.FailureReason.OBSERVER);
                Decision decision = policy.observerFailed(message, stopping);
                LOG.debugf("Message %s of queue '%s' is %s: an observer of its change set failed",
                        message.messageId(), queue.name(), decision.description());
                held.settle(decision);
            }
        }

        @Override
        public String messageId() {
            return message.messageId();
        }
    }

    /** A change in a set whose message was not held: it was settled already. */
    private record NotHeld(String messageId) implements SetMember {

        @Override
        public void settled(Outcome outcome, Throwable failure) {
        }
    }
}
