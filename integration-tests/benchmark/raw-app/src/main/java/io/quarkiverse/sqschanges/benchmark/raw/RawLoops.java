package io.quarkiverse.sqschanges.benchmark.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.sqschanges.benchmark.common.Observations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The raw AWS SDK limit, in an application of its own like the other contenders: per queue, {@code threads} loops
 * that each receive up to 10 messages with a 20 s long poll, observe them, delete them with one
 * DeleteMessageBatch and receive again. They use the Quarkus-configured async client (Netty), the client the
 * extension uses.
 * <p>
 * Queues are configured as {@code raw.queues.<name>.queue-name} and {@code raw.queues.<name>.threads}; the queue
 * {@code warmup} is consumed from startup, the others once resumed.
 */
@ApplicationScoped
public class RawLoops {

    private static final String PREFIX = "raw.queues.";
    private static final String NAME_SUFFIX = ".queue-name";
    static final String WARMUP = "warmup";

    @Inject
    SqsAsyncClient sqs;

    @Inject
    Observations observations;

    @Inject
    Config config;

    private final Map<String, Loops> loopsByQueue = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(NAME_SUFFIX)) {
                String name = property.substring(PREFIX.length(), property.length() - NAME_SUFFIX.length());
                int threads = config.getOptionalValue(PREFIX + name + ".threads", Integer.class).orElse(1);
                String url = sqs.getQueueUrl(b -> b.queueName(config.getValue(property, String.class))).join()
                        .queueUrl();
                loopsByQueue.put(name, new Loops(url, threads));
            }
        }
        resume(WARMUP);
    }

    void stop(@Observes ShutdownEvent event) {
        loopsByQueue.values().forEach(loops -> loops.stopping = true);
    }

    /** Starts the loops of a queue. */
    void resume(String queue) {
        Loops loops = loopsByQueue.get(queue);
        if (loops != null) {
            loops.start();
        }
    }

    /** Stops the loops of a queue after their receive in flight. */
    void pause(String queue) {
        Loops loops = loopsByQueue.get(queue);
        if (loops != null) {
            loops.stopping = true;
        }
    }

    /** The receive loops of one queue. */
    private final class Loops {

        private final ReceiveMessageRequest receive;
        private final int threads;
        private volatile boolean stopping;

        Loops(String url, int threads) {
            this.receive = ReceiveMessageRequest.builder().queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(20)
                    .build();
            this.threads = threads;
        }

        void start() {
            stopping = false;
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(this::loop, "raw-loop-" + i);
                thread.setDaemon(true);
                thread.start();
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
