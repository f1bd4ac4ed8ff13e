package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.quarkiverse.sqschanges.testkit.RequestCounts;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkiverse.sqschanges.testkit.SqsRequest;

/**
 * One contender, started and warmed up (it has consumed its warm-up messages), with its measured queues, fresh
 * and untouched, and a request-counting proxy of its own: every contender's SQS traffic goes through one, so that
 * each pays the same overhead and its requests are counted where the server sees them.
 */
final class Session implements AutoCloseable {

    private final Contender contender;
    private final QueueAdmin admin;
    private final SqsProxy route;
    private final Queue warmup;
    private final List<Queue> measured = new ArrayList<>();
    private Consumer consumer;

    private Session(Contender contender, QueueAdmin admin, String sqs, int rounds) throws Exception {
        this.contender = contender;
        this.admin = admin;
        this.route = SqsProxy.start(sqs);
        this.warmup = admin.create("warmup");
        for (int i = 0; i < contender.measuredQueues(rounds); i++) {
            measured.add(admin.create("measured"));
        }
    }

    /** Starts the contender for that many rounds and lets it consume the warm-up messages. */
    static Session start(Contender contender, QueueAdmin admin, String sqs, int rounds, int warmupMessages)
            throws Exception {
        Session session = new Session(contender, admin, sqs, rounds);
        try {
            session.consumer = contender.start(session.measured, session.warmup, session.route.endpoint());
            admin.preload(session.warmup, warmupMessages);
            session.awaitObserved(warmupMessages, session.warmup, timeoutFor(warmupMessages));
            return session;
        } catch (Exception e) {
            session.close();
            throw e;
        }
    }

    /** @return time enough to consume that many messages at 50 a second, and at least a minute */
    static Duration timeoutFor(long messages) {
        return Duration.ofSeconds(Math.max(60, messages / 50));
    }

    Contender contender() {
        return contender;
    }

    Consumer consumer() {
        return consumer;
    }

    /** @return the measured queue of a round, counted from 1; contenders with one measured queue reuse it */
    Queue queue(int round) {
        return measured.get(index(round) - 1);
    }

    void resume(int round) throws Exception {
        consumer.resume(index(round));
    }

    void pause(int round) throws Exception {
        consumer.pause(index(round));
    }

    private int index(int round) {
        return (round - 1) % measured.size() + 1;
    }

    /**
     * Drains a backlog present at start: preloads the round's queue while it is paused, then times it from resuming
     * until every message is observed and deleted, with the CPU time its process used meanwhile; pauses it again.
     */
    Drain drain(int round, int messages) throws Exception {
        Queue queue = queue(round);
        long from = System.nanoTime();
        long observedBefore = consumer.observed();
        admin.preload(queue, messages);
        if (consumer.observed() != observedBefore) {
            throw new IllegalStateException(contender.name() + " observed messages before it was resumed");
        }
        // A consumer that keeps receiving while paused (SmallRye prefetches) starts with those messages.
        long early = admin.inFlight(queue);
        long cpuBefore = consumer.cpuNanos();
        long start = System.nanoTime();
        resume(round);
        awaitObserved(observedBefore + messages, queue, timeoutFor(messages));
        long end = System.nanoTime();
        long cpu = consumer.cpuNanos() - cpuBefore;
        pause(round);
        return new Drain(messages, end - start, RequestCounts.of(requests(queue, from, end)), early, cpu);
    }

    /** Waits until the consumer has observed that many messages in all, and none is left on the queue. */
    void awaitObserved(long total, Queue queue, Duration timeout) throws Exception {
        Await.until(() -> consumer.observed() >= total && admin.remaining(queue) == 0, timeout,
                () -> String.format("%s x%d observed %d of %d messages (queue %s)", contender.name(),
                        contender.threads(), consumer.observed(), total, queue.name()));
    }

    /** Delays every answer of the SQS server to this contender from now on by a draw from the model. */
    void setLatency(LongSupplier delayNanos) {
        route.setLatency(delayNanos);
    }

    /** @return the requests about a queue within a time window, on the {@link System#nanoTime()} clock */
    List<SqsRequest> requests(Queue queue, long from, long to) {
        return route.requests(queue.name()).stream().filter(r -> r.nanos() >= from && r.nanos() <= to).toList();
    }

    @Override
    public void close() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        route.close();
        admin.delete(warmup);
        for (Queue queue : measured) {
            admin.delete(queue);
        }
    }
}
