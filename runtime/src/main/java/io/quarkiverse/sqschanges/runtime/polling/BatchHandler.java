package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.format.InvalidMessageException;
import io.quarkiverse.sqschanges.runtime.polling.FailurePolicy.Decision;
import io.quarkiverse.sqschanges.runtime.polling.FailurePolicy.Fate;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Turns a received batch into changes, fires them, and settles each message as the {@link FailurePolicy} decides:
 * deleted once every observer completed normally; after a failure, kept, deleted or retried later as the queue says.
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
    private volatile boolean stopping;

    /**
     * @param dispatch fires a change to its observers; completes when they have, exceptionally if one failed
     * @param duplicates the queue's duplicate filter, with no filter if the queue does not deduplicate
     */
    BatchHandler(QueueSettings queue, ChangeFactory changeFactory, Function<Change, CompletionStage<Void>> dispatch,
            DuplicateClaims duplicates, QueueCounters counters, ChangeTracing tracing) {
        this.queue = queue;
        this.tracing = tracing;
        this.counters = counters;
        this.changeFactory = changeFactory;
        this.dispatch = dispatch;
        this.duplicates = duplicates;
        this.policy = new FailurePolicy(queue);
    }

    /** The application is stopping: mappers and observers that fail from now on most likely outlived what they use. */
    void stopping() {
        stopping = true;
    }

    /**
     * Handles a batch on the calling thread (synchronous observers run on it).
     *
     * @param visibilitySeconds the visibility timeout the messages were received with (0 or less if unknown): how
     *        long the duplicate filter's claims last at least
     * @param released told about each message that is neither deleted nor delayed (kept, or held back), as soon as
     *        that is known, so that SQS may deliver it again; the others stay hidden until the batch is settled
     * @return what to do with the messages, once every observer of the batch has completed
     */
    CompletionStage<BatchOutcome> handle(String queueUrl, List<Message> messages, int visibilitySeconds,
            Consumer<Message> released) {
        return queue.fifo() ? handleInGroupOrder(queueUrl, messages, visibilitySeconds, released)
                : handleAll(queueUrl, messages, visibilitySeconds, released);
    }

    private CompletionStage<BatchOutcome> handleAll(String queueUrl, List<Message> messages, int visibilitySeconds,
            Consumer<Message> released) {
        BatchOutcome outcome = new BatchOutcome();
        List<CompletableFuture<Void>> all = new ArrayList<>(messages.size());
        for (Message message : messages) {
            all.add(handleOne(queueUrl, message, visibilitySeconds).thenAccept(decision -> {
                outcome.settle(message, decision);
                if (decision.fate() == Fate.KEEP) {
                    released.accept(message);
                }
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> outcome);
    }

    private CompletionStage<BatchOutcome> handleInGroupOrder(String queueUrl, List<Message> messages,
            int visibilitySeconds, Consumer<Message> released) {
        BatchOutcome outcome = new BatchOutcome();
        Set<String> heldGroups = new HashSet<>();
        for (Message message : messages) {
            String group = SqsMessage.of(message).messageGroupId().orElse("");
            if (heldGroups.contains(group)) {
                LOG.debugf("Holding back message %s of queue '%s': an earlier message of group '%s' was kept",
                        message.messageId(), queue.name(), group);
                released.accept(message);
            } else {
                Decision decision = handleOne(queueUrl, message, visibilitySeconds).join();
                outcome.settle(message, decision);
                if (decision.fate() != Fate.DELETE) {
                    heldGroups.add(group);
                }
                if (decision.fate() == Fate.KEEP) {
                    released.accept(message);
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
    private CompletableFuture<Decision> handleOne(String queueUrl, Message sdkMessage, int visibilitySeconds) {
        SqsMessage message = SqsMessage.of(sdkMessage);
        ChangeTracing.MessageSpan span = ChangeTracing.NO_SPAN;
        CompletableFuture<Decision> decision = null;
        try {
            span = tracing.start(queue, queueUrl, message);
            try (ChangeTracing.Scope ignored = span.makeCurrent()) {
                decision = handleInSpan(queueUrl, message, visibilitySeconds, span);
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

    private CompletableFuture<Decision> handleInSpan(String queueUrl, SqsMessage message, int visibilitySeconds,
            ChangeTracing.MessageSpan span) {
        switch (duplicates.claim(message, visibilitySeconds)) {
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
                    return handleClaimed(queueUrl, message, span);
                } catch (Throwable e) {
                    duplicates.release(message);
                    throw e;
                }
        }
    }

    /** Handles a message claimed in the duplicate filter: confirmed once its observers completed, else released. */
    private CompletableFuture<Decision> handleClaimed(String queueUrl, SqsMessage message,
            ChangeTracing.MessageSpan span) {
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
        return dispatchAll(changes, failedChange).handle((ignored, failure) -> {
            boolean confirmed = false;
            try {
                counters.timings().handled(System.nanoTime() - start);
                if (failure == null) {
                    duplicates.handled(message);
                    confirmed = true;
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
    private CompletableFuture<Void> dispatchAll(List<Change> changes, AtomicReference<String> failedChange) {
        if (changes.size() == 1) {
            return dispatchOne(changes.get(0));
        }
        List<CompletableFuture<Void>> outcomes = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String description = "change " + (i + 1) + " of " + changes.size() + ", revision " + change.revision();
            outcomes.add(dispatchOne(change).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    failedChange.compareAndSet(null, description);
                }
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
    }

    /** @return completes when the change's observers have; a synchronous observer's exception fails it */
    private CompletableFuture<Void> dispatchOne(Change change) {
        try {
            return dispatch.apply(change).toCompletableFuture();
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
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
}
