package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.sqschanges.benchmark.common.Observations;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The raw AWS SDK limit: each loop receives up to 10 messages with a 20 s long poll, observes them, deletes them
 * with one DeleteMessageBatch and receives again.
 */
final class RawConsumer implements Consumer {

    private final SqsAsyncClient sqs;
    private final Observations observations = new Observations();
    /** The loops of the warm-up queue, then those of each measured queue. */
    private final List<Loops> queues = new ArrayList<>();

    private RawConsumer(String sqsEndpoint, List<Queue> measured, Queue warmup, int threads) {
        this.sqs = SqsClients.create(sqsEndpoint);
        queues.add(new Loops(warmup, threads));
        measured.forEach(queue -> queues.add(new Loops(queue, threads)));
    }

    /** @return a consumer that has started consuming the warm-up queue */
    static RawConsumer start(String sqsEndpoint, List<Queue> measured, Queue warmup, int threads) {
        RawConsumer consumer = new RawConsumer(sqsEndpoint, measured, warmup, threads);
        consumer.queues.get(0).start();
        return consumer;
    }

    @Override
    public void resume(int index) {
        queues.get(index).start();
    }

    @Override
    public void pause(int index) {
        queues.get(index).stopping = true;
    }

    @Override
    public long observed() {
        return observations.count();
    }

    @Override
    public List<Long> pickupMicros() {
        return observations.pickupMicros();
    }

    /** Closing the client abandons the long polls in flight. */
    @Override
    public void close() {
        queues.forEach(loops -> loops.stopping = true);
        sqs.close();
        try {
            for (Loops loops : queues) {
                loops.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The receive loops of one queue. */
    private final class Loops {

        private final ReceiveMessageRequest receive;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopping;

        Loops(Queue queue, int count) {
            receive = ReceiveMessageRequest.builder().queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(20)
                    .build();
            for (int i = 0; i < count; i++) {
                threads.add(new Thread(this::loop, "raw-loop-" + queue.name() + "-" + i));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }

        private void loop() {
            try {
                while (!stopping) {
                    List<Message> messages = sqs.receiveMessage(receive).join().messages();
                    if (!messages.isEmpty()) {
                        messages.forEach(message -> observations.observed(message.body()));
                        delete(messages);
                    }
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    System.err.println("A raw SDK loop stopped: " + e);
                }
            }
        }

        private void delete(List<Message> messages) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(receive.queueUrl()).entries(entries)).join();
        }
    }
}
