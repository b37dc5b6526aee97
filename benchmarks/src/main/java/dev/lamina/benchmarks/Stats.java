package dev.lamina.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and percentiles of a list of measurements.
 *
 * <pre>{@code
 * Stats.of(List.of(1.0, 3.0, 2.0)).median()   // 2.0
 * }</pre>
 */
record Stats(double[] sorted) {

    static Stats of(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    static Stats of(long[] nanos) {
        double[] array = Arrays.stream(nanos).mapToDouble(v -> v).toArray();
        Arrays.sort(array);
        return new Stats(array);
    }

    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return sorted[0];
    }

    double percentile(double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
