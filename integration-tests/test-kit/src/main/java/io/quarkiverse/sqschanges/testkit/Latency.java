package io.quarkiverse.sqschanges.testkit;

import java.time.Duration;
import java.util.Random;
import java.util.function.LongSupplier;

/** Network latency models for {@link SqsProxy#setLatency(LongSupplier)}. */
public final class Latency {

    /** The standard normal quantile of 99 %. */
    private static final double Z_99 = 2.326;

    private Latency() {
    }

    /**
     * Log-normal delays, as request latencies tend to be: a median and a 99th percentile, such as 20 ms and 150 ms
     * for SQS within a region. Draws are capped at ten times the p99.
     *
     * @param seed the same seed gives the same sequence of delays
     * @return delays in nanoseconds; safe to draw from several threads
     */
    public static LongSupplier logNormal(Duration median, Duration p99, long seed) {
        if (p99.compareTo(median) < 0 || median.isNegative() || median.isZero()) {
            throw new IllegalArgumentException("need 0 < median <= p99, not " + median + " and " + p99);
        }
        double mu = Math.log(median.toNanos());
        double sigma = Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
        long cap = p99.toNanos() * 10;
        Random random = new Random(seed);
        return () -> Math.min(cap, Math.round(Math.exp(mu + sigma * random.nextGaussian())));
    }
}
