package dev.lamina.core.constraint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)}: each slice's L2 norm along
 * {@code axis} moves to {@code rate * clip(norm, min_value, max_value) + (1 - rate) * norm}, i.e.
 * {@code w * desired / (1e-7 + norm)}.
 *
 * <pre>{@code
 * new Dense(8).kernelConstraint(new MinMaxNorm(0.5, 1.0, 1.0, 0));
 * }</pre>
 *
 * @param minValue the smallest norm
 * @param maxValue the largest norm, {@code >= minValue}
 * @param rate     how far to move towards the interval, in [0, 1]
 * @param axis     0, 1 or -1
 */
public record MinMaxNorm(double minValue, double maxValue, double rate, int axis) implements Constraint {

    public MinMaxNorm {
        if (!(minValue >= 0) || !(maxValue >= minValue) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("MinMaxNorm expects 0 <= min_value <= max_value (finite). Received: "
                    + "min_value=" + minValue + ", max_value=" + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("MinMaxNorm expects a rate in [0, 1]. Received: rate=" + rate);
        }
        Norms.checkAxis("MinMaxNorm", axis);
    }

    /** Keras's defaults: 0, 1, rate 1, axis 0. */
    public MinMaxNorm() {
        this(0.0, 1.0, 1.0, 0);
    }

    @Override
    public String className() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("min_value", minValue);
        config.put("max_value", maxValue);
        config.put("rate", rate);
        config.put("axis", (double) axis);
        return config;
    }

    @Override
    public void applyInPlace(INDArray weight) {
        Norms.rescale(weight, axis, norm -> rate * Math.min(Math.max(norm, minValue), maxValue) + (1 - rate) * norm);
    }
}
