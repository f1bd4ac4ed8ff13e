package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

/**
 * @param micros the time from sending to observing of each pickup message
 * @param idleReceivesPerMinute the receive requests a minute on the idle queue
 */
record PickupResult(Contender contender, List<Long> micros, double idleReceivesPerMinute) {

    boolean is(App app) {
        return contender.app() == app;
    }

    double p50Millis() {
        return Stats.percentile(micros, 50) / 1000;
    }

    double p99Millis() {
        return Stats.percentile(micros, 99) / 1000;
    }
}
