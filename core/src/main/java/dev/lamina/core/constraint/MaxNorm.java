package dev.lamina.core.constraint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code MaxNorm(max_value=2, axis=0)}: each slice's L2 norm along {@code axis} is clipped to
 * {@code maxValue}: {@code w * clip(norm, 0, max_value) / (1e-7 + norm)}. For a Dense kernel {@code [in, units]},
 * axis 0 constrains each unit's incoming weights.
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelConstraint(new MaxNorm(3.0, 0));
 * }</pre>
 *
 * @param maxValue the largest norm, {@code >= 0}
 * @param axis     0, 1 or -1
 */
public record MaxNorm(double maxValue, int axis) implements Constraint {

    public MaxNorm {
        if (!(maxValue >= 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("MaxNorm expects a finite max_value >= 0. Received: max_value="
                    + maxValue);
        }
        Norms.checkAxis("MaxNorm", axis);
    }

    /** Keras's defaults: max_value 2, axis 0. */
    public MaxNorm() {
        this(2.0, 0);
    }

    @Override
    public String className() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("max_value", maxValue);
        config.put("axis", (double) axis);
        return config;
    }

    @Override
    public void applyInPlace(INDArray weight) {
        Norms.rescale(weight, axis, norm -> Math.min(Math.max(norm, 0), maxValue));
    }
}
