package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

import io.quarkiverse.sqschanges.testkit.RequestCounts;

/**
 * @param rates messages per second, one per round
 * @param requests the requests of all rounds
 * @param early the messages received before the consumer was resumed, over all rounds
 * @param messages the messages of all rounds
 * @param cpuNanos the CPU time of the contender's process during all rounds, user and system
 */
record DrainResult(Contender contender, List<Double> rates, RequestCounts requests, long early, long messages,
        long cpuNanos) {

    double median() {
        return Stats.median(rates);
    }

    double perMessage(long requestCount) {
        return (double) requestCount / messages;
    }

    /** @return the CPU seconds of the contender's process per 10,000 messages */
    double cpuSecondsPer10k() {
        return cpuNanos / 1e9 * 10_000 / messages;
    }

    boolean is(App app) {
        return contender.app() == app;
    }

    boolean isRaw() {
        return is(App.RAW);
    }
}
