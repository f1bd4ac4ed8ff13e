package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.sqschanges.testkit.Latency;
import io.quarkiverse.sqschanges.testkit.RequestCounts;

/**
 * Drain throughput. Every contender is started and warmed up first; then, round after round, each in turn gets a
 * queue preloaded while it is paused, and the time from resuming it until every message is observed and deleted
 * is measured, with the CPU time its process used meanwhile. The same, warmed-up contenders then drain again with
 * the latency model on in their proxies.
 */
final class DrainBenchmark {

    /**
     * Under latency the SmallRye connector, which deletes each message with a request of its own and waits for it,
     * drains this many times fewer messages a round, so that its rounds take about as long as the raw loop's.
     */
    static final int SMALLRYE_LATENCY_SHARE = 5;

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, which each contender reaches through a proxy of its own. */
    private final String sqs;

    DrainBenchmark(Settings settings, QueueAdmin admin, String sqs) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
    }

    /**
     * @param loopback the drains on loopback
     * @param latency the drains under the latency model; empty when it is off
     */
    record Results(List<DrainResult> loopback, List<DrainResult> latency) {
    }

    Results run(List<Contender> contenders) throws Exception {
        int latencyRounds = settings.latency() ? settings.latencyRounds() : 0;
        List<Session> sessions = new ArrayList<>();
        try {
            for (Contender contender : contenders) {
                System.out.printf("Starting and warming up %s x%d%n", contender.name(), contender.threads());
                sessions.add(Session.start(contender, admin, sqs, settings.rounds() + latencyRounds,
                        settings.warmupMessages()));
            }
            List<DrainResult> loopback = rounds(sessions, 1, settings.rounds(), "Drain");
            List<DrainResult> latency = List.of();
            if (latencyRounds > 0) {
                for (Session session : sessions) {
                    // the same model, and the same sequence of delays, for every contender
                    session.setLatency(Latency.logNormal(settings.latencyMedian(), settings.latencyP99(), 1));
                }
                latency = rounds(sessions, settings.rounds() + 1, settings.rounds() + latencyRounds,
                        "Drain under latency");
            }
            return new Results(loopback, latency);
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    /** @return the drains of the rounds from {@code first} to {@code last}, each contender in turn */
    private List<DrainResult> rounds(List<Session> sessions, int first, int last, String label) throws Exception {
        Map<Contender, List<Drain>> drains = new LinkedHashMap<>();
        for (int round = first; round <= last; round++) {
            for (Session session : sessions) {
                Drain drain = session.drain(round, messages(session.contender(), round));
                drains.computeIfAbsent(session.contender(), c -> new ArrayList<>()).add(drain);
                System.out.printf("%s round %d/%d, %s x%d: %.0f msgs/s, CPU %.2f s per 10,000 (%s; received before"
                        + " resuming: %d)%n", label, round - first + 1, last - first + 1, session.contender().name(),
                        session.contender().threads(), drain.rate(), drain.cpuSecondsPer10k(),
                        drain.requests(), drain.early());
            }
        }
        return drains.entrySet().stream().map(e -> new DrainResult(e.getKey(),
                e.getValue().stream().map(Drain::rate).toList(),
                e.getValue().stream().map(Drain::requests).reduce(RequestCounts.NONE, RequestCounts::plus),
                e.getValue().stream().mapToLong(Drain::early).sum(),
                e.getValue().stream().mapToLong(Drain::messages).sum(),
                e.getValue().stream().mapToLong(Drain::cpuNanos).sum())).toList();
    }

    /** @return the messages of that contender's drain in that round */
    int messages(Contender contender, int round) {
        if (round <= settings.rounds()) {
            return settings.messages();
        }
        return contender.app() == App.SMALLRYE ? settings.latencyMessages() / SMALLRYE_LATENCY_SHARE
                : settings.latencyMessages();
    }
}
