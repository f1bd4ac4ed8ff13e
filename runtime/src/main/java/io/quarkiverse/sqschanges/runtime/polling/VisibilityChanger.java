package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Changes the visibility timeout of received messages with {@code ChangeMessageVisibilityBatch}, ten at a time:
 * to release them, to delay a retry, or to keep them hidden while they are being handled.
 */
final class VisibilityChanger {

    private static final Logger LOG = Logger.getLogger(VisibilityChanger.class);

    private final SqsAsyncClient sqs;
    private final String queueName;

    VisibilityChanger(SqsAsyncClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
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
                    if (failure != null) {
                        LOG.debugf("Could not change the visibility of %d message(s) of queue '%s' to %s: %s",
                                batch.size(), queueName, purpose, Failures.describe(failure));
                    } else if (response.hasFailed() && !response.failed().isEmpty()) {
                        response.failed().forEach(error -> LOG.debugf(
                                "Could not change the visibility of message %s of queue '%s' to %s: %s",
                                batch.get(Integer.parseInt(error.id())).getKey().messageId(), queueName, purpose,
                                error.code()));
                    }
                    return null;
                });
    }
}
