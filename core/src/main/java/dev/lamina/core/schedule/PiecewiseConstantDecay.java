package dev.lamina.core.schedule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code PiecewiseConstantDecay}: {@code values[0]} up to and including step {@code boundaries[0]},
 * {@code values[i]} for steps in {@code (boundaries[i-1], boundaries[i]]}, the last value after the last boundary
 * ({@code keras/src/optimizers/schedules/learning_rate_schedule.py}).
 *
 * <pre>{@code
 * new PiecewiseConstantDecay(new long[] {100000, 110000}, new double[] {1.0, 0.5, 0.1}).at(100001)   // 0.5
 * }</pre>
 */
public record PiecewiseConstantDecay(long[] boundaries, double[] values) implements LearningRateSchedule {

    public PiecewiseConstantDecay {
        if (boundaries == null || values == null || boundaries.length == 0
                || values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: the number of values must be one more than "
                    + "the number of boundaries, and there must be at least one boundary. Received: boundaries="
                    + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values));
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase. Received: "
                        + Arrays.toString(boundaries));
            }
        }
        for (double value : values) {
            LearningRateSchedules.requireRate("PiecewiseConstantDecay", "values", value);
        }
        boundaries = boundaries.clone();
        values = values.clone();
    }

    @Override
    public double at(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public long[] boundaries() {
        return boundaries.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("boundaries", Arrays.stream(boundaries).boxed().toList());
        config.put("values", Arrays.stream(values).boxed().toList());
        return config;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PiecewiseConstantDecay p && Arrays.equals(boundaries, p.boundaries)
                && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay" + List.of(Arrays.toString(boundaries), Arrays.toString(values));
    }
}
