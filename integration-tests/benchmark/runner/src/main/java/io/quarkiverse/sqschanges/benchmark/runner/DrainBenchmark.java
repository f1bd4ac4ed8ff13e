package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.sqschanges.testkit.RequestCounts;

/**
 * Drain throughput. Every contender is started and warmed up first; then, round after round, each in turn gets a
 * queue preloaded while it is paused, and the time from resuming it until every message is observed and deleted
 * is measured.
 */
final class DrainBenchmark {

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, which each contender reaches through a proxy of its own. */
    private final String sqs;

    DrainBenchmark(Settings settings, QueueAdmin admin, String sqs) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
    }

    List<DrainResult> run(List<Contender> contenders) throws Exception {
        List<Session> sessions = new ArrayList<>();
        try {
            for (Contender contender : contenders) {
                System.out.printf("Starting and warming up %s x%d%n", contender.name(), contender.threads());
                sessions.add(Session.start(contender, admin, sqs, settings.rounds(), settings.warmupMessages()));
            }
            Map<Contender, List<Drain>> drains = new LinkedHashMap<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Session session : sessions) {
                    Drain drain = drain(session, round);
                    drains.computeIfAbsent(session.contender(), c -> new ArrayList<>()).add(drain);
                    System.out.printf("Drain round %d/%d, %s x%d: %.0f msgs/s (%s; received before resuming: %d)%n",
                            round, settings.rounds(), session.contender().name(), session.contender().threads(),
                            drain.rate(), drain.requests(), drain.early());
                }
            }
            long messages = (long) settings.messages() * settings.rounds();
            return drains.entrySet().stream().map(e -> new DrainResult(e.getKey(),
                    e.getValue().stream().map(Drain::rate).toList(),
                    e.getValue().stream().map(Drain::requests).reduce(RequestCounts.NONE, RequestCounts::plus),
                    e.getValue().stream().mapToLong(Drain::early).sum(),
                    messages)).toList();
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    private Drain drain(Session session, int round) throws Exception {
        Queue queue = session.queue(round);
        long from = System.nanoTime();
        long observedBefore = session.consumer().observed();
        admin.preload(queue, settings.messages());
        if (session.consumer().observed() != observedBefore) {
            throw new IllegalStateException(session.contender().name() + " observed messages before it was resumed");
        }
        // A consumer that keeps receiving while paused (SmallRye prefetches) starts with those messages.
        long early = admin.inFlight(queue);
        long start = System.nanoTime();
        session.resume(round);
        session.awaitObserved(observedBefore + settings.messages(), queue, Session.timeoutFor(settings.messages()));
        long end = System.nanoTime();
        session.pause(round);
        return new Drain(settings.messages() / ((end - start) / 1e9),
                RequestCounts.of(session.requests(queue, from, end)), early);
    }

    /** @param early the messages it had received before it was resumed */
    private record Drain(double rate, RequestCounts requests, long early) {
    }
}
