package io.quarkiverse.sqschanges.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.SqsMessage;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Turns a received batch into changes, fires them, and tells which messages may be deleted: those whose every
 * observer completed normally, and invalid ones when the queue says {@code invalid-message=delete}.
 * <p>
 * On a FIFO queue the messages of one group are handled one after the other, each after the previous one's
 * observers (asynchronous ones included) have completed; after a message of a group is kept, the rest of that
 * group's messages in the batch are held back, so that SQS delivers them again in order.
 */
final class BatchHandler {

    private static final Logger LOG = Logger.getLogger(BatchHandler.class);

    private enum Outcome {
        HANDLED,
        DISCARDED,
        KEPT
    }

    private final QueueSettings queue;
    private final ChangeFactory changeFactory;
    private final MessageMapper mapper;
    private final ChangeDispatcher dispatcher;

    /**
     * @param mapper the queue's mapper, or {@code null}
     */
    BatchHandler(QueueSettings queue, ChangeFactory changeFactory, MessageMapper mapper, ChangeDispatcher dispatcher) {
        this.queue = queue;
        this.changeFactory = changeFactory;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
    }

    /**
     * Handles a batch on the calling thread (synchronous observers run on it).
     *
     * @return the messages to delete, once every observer of the batch has completed
     */
    CompletionStage<List<Message>> handle(String queueUrl, List<Message> messages) {
        return queue.fifo() ? handleInGroupOrder(queueUrl, messages) : handleAll(queueUrl, messages);
    }

    private CompletionStage<List<Message>> handleAll(String queueUrl, List<Message> messages) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(messages.size());
        for (Message message : messages) {
            outcomes.add(handleOne(queueUrl, message));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Message> toDelete = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                if (outcomes.get(i).join() != Outcome.KEPT) {
                    toDelete.add(messages.get(i));
                }
            }
            return toDelete;
        });
    }

    private CompletionStage<List<Message>> handleInGroupOrder(String queueUrl, List<Message> messages) {
        List<Message> toDelete = new ArrayList<>(messages.size());
        Set<String> heldGroups = new HashSet<>();
        for (Message message : messages) {
            String group = SqsMessage.of(message).messageGroupId().orElse("");
            if (heldGroups.contains(group)) {
                LOG.debugf("Holding back message %s of queue '%s': an earlier message of group '%s' was kept",
                        message.messageId(), queue.name(), group);
                continue;
            }
            if (handleOne(queueUrl, message).join() == Outcome.KEPT) {
                heldGroups.add(group);
            } else {
                toDelete.add(message);
            }
        }
        return CompletableFuture.completedFuture(toDelete);
    }

    private CompletableFuture<Outcome> handleOne(String queueUrl, Message sdkMessage) {
        SqsMessage message = SqsMessage.of(sdkMessage);
        Change change;
        try {
            Optional<Change> mapped = changeFactory.toChange(queue, queueUrl, message, mapper);
            if (mapped.isEmpty()) {
                LOG.debugf("The mapper %s made no change from message %s of queue '%s'; the message is deleted",
                        ChangeFactory.mapperName(mapper), message.messageId(), queue.name());
                return CompletableFuture.completedFuture(Outcome.DISCARDED);
            }
            change = mapped.get();
        } catch (InvalidMessageException e) {
            return CompletableFuture.completedFuture(invalid(message, e));
        }
        try {
            return dispatcher.dispatch(change).handle((ignored, failure) -> {
                if (failure == null) {
                    return Outcome.HANDLED;
                }
                observerFailed(message, Failures.unwrap(failure));
                return Outcome.KEPT;
            }).toCompletableFuture();
        } catch (RuntimeException e) {
            observerFailed(message, e);
            return CompletableFuture.completedFuture(Outcome.KEPT);
        }
    }

    private Outcome invalid(SqsMessage message, InvalidMessageException e) {
        boolean delete = queue.invalidMessage() == InvalidMessageAction.DELETE;
        LOG.errorf(e.getCause(), "Invalid message %s on queue '%s': %s. The message is %s.", message.messageId(),
                queue.name(),
                e.getMessage(), delete ? "deleted (" + queue.property("invalid-message") + "=delete)"
                        : "kept for redelivery or the queue's dead-letter queue (set " + queue.property("invalid-message")
                                + "=delete to drop such messages)");
        LOG.debugf("Body of invalid message %s: %s", message.messageId(), message.body());
        return delete ? Outcome.DISCARDED : Outcome.KEPT;
    }

    private void observerFailed(SqsMessage message, Throwable failure) {
        LOG.errorf(failure, "An observer of the change of message %s on queue '%s' failed; the message is kept and SQS"
                + " will deliver it again after its visibility timeout", message.messageId(), queue.name());
        LOG.debugf("Body of message %s: %s", message.messageId(), message.body());
    }
}
