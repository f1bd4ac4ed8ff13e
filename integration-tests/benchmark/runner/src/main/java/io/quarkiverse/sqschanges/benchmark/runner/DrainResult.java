package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

import io.quarkiverse.sqschanges.testkit.RequestCounts;

/**
 * @param rates messages per second, one per round
 * @param requests the requests of all rounds
 * @param early the messages received before the consumer was resumed, over all rounds
 * @param messages the messages of all rounds
 */
record DrainResult(Contender contender, List<Double> rates, RequestCounts requests, long early, long messages) {

    double median() {
        return Stats.median(rates);
    }

    double perMessage(long requestCount) {
        return (double) requestCount / messages;
    }

    boolean is(App app) {
        return contender.app() == app;
    }

    boolean isRaw() {
        return is(App.RAW);
    }
}
