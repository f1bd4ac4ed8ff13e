package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletes handled messages with {@code DeleteMessageBatch}, ten at a time. A delete that fails is logged; its
 * message is then delivered again, never lost.
 */
final class MessageDeleter {

    private static final Logger LOG = Logger.getLogger(MessageDeleter.class);

    private final SqsAsyncClient sqs;
    private final String queueName;
    private final QueueCounters counters;

    MessageDeleter(SqsAsyncClient sqs, String queueName, QueueCounters counters) {
        this.sqs = sqs;
        this.queueName = queueName;
        this.counters = counters;
    }

    /**
     * @return completes, never exceptionally, once SQS has answered every delete request
     */
    CompletableFuture<Void> delete(String queueUrl, List<Message> messages) {
        return SqsBatches.sendInBatches(messages, batch -> deleteBatch(queueUrl, batch));
    }

    private CompletableFuture<Void> deleteBatch(String queueUrl, List<Message> batch) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).receiptHandle())
                    .build());
        }
        return sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
                .handle((response, failure) -> {
                    counters.deleteRequest(failure == null);
                    if (failure != null) {
                        LOG.warnf("Could not delete %d handled message(s) of queue '%s' (%s); SQS will deliver them"
                                + " again", batch.size(), queueName, Failures.describeWithoutServiceText(failure));
                        LOG.debugf("Deleting from queue '%s' failed: %s", queueName, Failures.describe(failure));
                    } else {
                        counters.deleted(response.hasSuccessful() ? response.successful().size() : 0);
                    }
                    if (failure == null && response.hasFailed() && !response.failed().isEmpty()) {
                        for (BatchResultErrorEntry error : response.failed()) {
                            Message message = batch.get(Integer.parseInt(error.id()));
                            // SQS's message text may quote the receipt handle: only at DEBUG
                            LOG.warnf("Could not delete handled message %s of queue '%s' (%s); SQS will deliver"
                                    + " it again", message.messageId(), queueName, error.code());
                            LOG.debugf("SQS said of deleting message %s: %s", message.messageId(), error.message());
                        }
                    }
                    return null;
                });
    }
}
