package dev.lamina.core.constraint;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code UnitNorm(axis=0)}: each slice along {@code axis} divided by {@code 1e-7 + its L2 norm}.
 *
 * <pre>{@code
 * new Dense(8).kernelConstraint(new UnitNorm(0));
 * }</pre>
 *
 * @param axis 0, 1 or -1
 */
public record UnitNorm(int axis) implements Constraint {

    public UnitNorm {
        Norms.checkAxis("UnitNorm", axis);
    }

    /** Keras's default: axis 0. */
    public UnitNorm() {
        this(0);
    }

    @Override
    public String className() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("axis", (double) axis);
    }

    @Override
    public void applyInPlace(INDArray weight) {
        Norms.rescale(weight, axis, norm -> 1.0);
    }
}
