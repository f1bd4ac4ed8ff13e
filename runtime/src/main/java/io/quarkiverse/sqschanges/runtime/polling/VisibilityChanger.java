package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Changes the visibility timeout of received messages with {@code ChangeMessageVisibilityBatch}, ten at a time:
 * to release them, to delay a retry, or to keep them hidden while they are being handled.
 * <p>
 * A failure is logged once per change of state, not on every request (the heartbeat sends one every half visibility
 * timeout): the first as a warning, those that follow at DEBUG, and the first success after them as a notice. Every
 * request is counted, as failed when SQS refused it or any of its entries.
 */
final class VisibilityChanger {

    private static final Logger LOG = Logger.getLogger(VisibilityChanger.class);

    private final SqsAsyncClient sqs;
    private final String queueName;
    private final QueueCounters counters;
    /** Failures since the last success: the first is a warning. */
    private final AtomicInteger failures = new AtomicInteger();

    VisibilityChanger(SqsAsyncClient sqs, String queueName, QueueCounters counters) {
        this.sqs = sqs;
        this.queueName = queueName;
        this.counters = counters;
    }

    /**
     * @param timeoutSeconds the new visibility timeout of each message, from now
     * @param purpose what the change is for, for the log
     * @return completes, never exceptionally, once SQS has answered
     */
    CompletableFuture<Void> change(String queueUrl, Map<Message, Integer> timeoutSeconds, String purpose) {
        return SqsBatches.sendInBatches(new ArrayList<>(timeoutSeconds.entrySet()),
                batch -> changeBatch(queueUrl, batch, purpose));
    }

    private CompletableFuture<Void> changeBatch(String queueUrl, List<Map.Entry<Message, Integer>> batch,
            String purpose) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).getKey().receiptHandle())
                    .visibilityTimeout(batch.get(i).getValue())
                    .build());
        }
        return sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries))
                .handle((response, failure) -> {
                    boolean refused = failure == null && response.hasFailed() && !response.failed().isEmpty();
                    counters.visibilityRequest(failure == null && !refused);
                    if (failure != null) {
                        // SQS's text may quote the receipt handles: only at DEBUG
                        failed(batch.size() + " message(s)", purpose, Failures.describeWithoutServiceText(failure));
                        LOG.debugf("Changing the visibility of messages of queue '%s' failed: %s", queueName,
                                Failures.describe(failure));
                    } else if (refused) {
                        for (BatchResultErrorEntry error : response.failed()) {
                            Message message = batch.get(Integer.parseInt(error.id())).getKey();
                            failed("message " + message.messageId(), purpose, error.code());
                            LOG.debugf("SQS said of changing the visibility of message %s: %s", message.messageId(),
                                    error.message());
                        }
                    } else {
                        succeeded();
                    }
                    return null;
                });
    }

    private void failed(String messages, String purpose, String reason) {
        if (failures.getAndIncrement() == 0) {
            LOG.warnf("Could not change the visibility of %s of queue '%s' to %s (%s). Until this works, the"
                    + " heartbeat cannot keep messages hidden while they are handled, and retry delays and releases"
                    + " wait for the visibility timeout; check that the application may call"
                    + " sqs:ChangeMessageVisibility on the queue. Further failures are logged at DEBUG until it works"
                    + " again", messages, queueName, purpose, reason);
        } else {
            LOG.debugf("Could not change the visibility of %s of queue '%s' to %s (%s)", messages, queueName, purpose,
                    reason);
        }
    }

    private void succeeded() {
        int failed = failures.getAndSet(0);
        if (failed > 0) {
            LOG.infof("Changing the visibility of messages of queue '%s' works again after %d failure(s)", queueName,
                    failed);
        }
    }
}
