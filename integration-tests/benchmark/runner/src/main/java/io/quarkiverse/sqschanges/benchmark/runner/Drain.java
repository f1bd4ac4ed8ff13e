package io.quarkiverse.sqschanges.benchmark.runner;

import io.quarkiverse.sqschanges.testkit.RequestCounts;

/**
 * One timed drain of a queue.
 *
 * @param nanos the time from the start of the clock until the last message was observed and deleted
 * @param early the messages it had received before the clock started
 * @param cpuNanos the CPU time its process used meanwhile, user and system
 */
record Drain(long messages, long nanos, RequestCounts requests, long early, long cpuNanos) {

    /** @return messages per second */
    double rate() {
        return messages / (nanos / 1e9);
    }

    /** @return the CPU seconds of the contender's process per 10,000 messages */
    double cpuSecondsPer10k() {
        return cpuNanos / 1e9 * 10_000 / messages;
    }
}
