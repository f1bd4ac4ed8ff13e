package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

/** The raw SDK loop in the runner, with a number of loops. */
record RawContender(int threads) implements Contender {

    @Override
    public String name() {
        return "raw SDK loop";
    }

    @Override
    public int measuredQueues(int rounds) {
        return rounds;
    }

    @Override
    public Consumer start(List<Queue> measured, Queue warmup, String sqsEndpoint) {
        return RawConsumer.start(sqsEndpoint, measured, warmup, threads);
    }
}
