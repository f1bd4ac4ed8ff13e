package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.sqschanges.testkit.SqsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Creates, fills, inspects and deletes queues, talking to the SQS server directly: none of its requests is counted
 * as a contender's.
 */
final class QueueAdmin implements AutoCloseable {

    private static final int BATCH = 10;
    static final int SENDERS = 8;

    private final SqsAsyncClient sqs;
    private final AtomicInteger created = new AtomicInteger();

    QueueAdmin(String endpoint) {
        this.sqs = SqsClients.async(endpoint);
    }

    /** @return a new, empty queue whose name starts with the prefix */
    Queue create(String prefix) {
        String name = prefix + "-" + created.incrementAndGet();
        return new Queue(name, sqs.createQueue(b -> b.queueName(name)).join().queueUrl());
    }

    /** Sends that many small messages, in batches of 10 from several threads. */
    void preload(Queue queue, int messages) throws Exception {
        preload(queue, messages, Duration.ZERO);
    }

    /**
     * Sends that many small messages, in batches of 10 from several threads, each to be delivered that long after it
     * was sent ({@code DelaySeconds}).
     */
    void preload(Queue queue, int messages, Duration delay) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                done.add(senders.submit(() -> {
                    for (int first = next.getAndAdd(BATCH); first < messages; first = next.getAndAdd(BATCH)) {
                        sendBatch(queue, first, Math.min(BATCH, messages - first), (int) delay.toSeconds());
                    }
                }));
            }
            for (Future<?> sender : done) {
                sender.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private void sendBatch(Queue queue, int first, int size, int delaySeconds) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("m" + (first + i))
                    .delaySeconds(delaySeconds).build());
        }
        var response = sqs.sendMessageBatch(b -> b.queueUrl(queue.url()).entries(entries)).join();
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException("Preloading " + queue.name() + " failed: " + response.failed());
        }
    }

    void send(Queue queue, String body) {
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body)).join();
    }

    /** @return the messages on the queue, visible or in flight */
    long remaining(Queue queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    /** @return the messages received from the queue and neither deleted nor visible again yet */
    long inFlight(Queue queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private long count(Queue queue, QueueAttributeName... names) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                .attributeNames(names)).join().attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    void delete(Queue queue) {
        sqs.deleteQueue(b -> b.queueUrl(queue.url())).join();
    }

    @Override
    public void close() {
        sqs.close();
    }
}
