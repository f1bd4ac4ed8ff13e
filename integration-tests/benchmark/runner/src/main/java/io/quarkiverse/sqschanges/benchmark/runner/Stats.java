package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.Collection;
import java.util.List;

/** Medians and percentiles. */
final class Stats {

    private Stats() {
    }

    static double median(Collection<? extends Number> values) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** @return the nearest-rank percentile, such as {@code percentile(values, 99)} */
    static double percentile(Collection<? extends Number> values, double percent) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
