package dev.lamina.core.constraint;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code NonNeg()}: {@code max(w, 0)}.
 *
 * <pre>{@code
 * new Dense(4).kernelConstraint(new NonNeg());
 * }</pre>
 */
public record NonNeg() implements Constraint {

    @Override
    public String className() {
        return "NonNeg";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of();
    }

    @Override
    public void applyInPlace(INDArray weight) {
        weight.assign(Transforms.max(weight, 0.0, true));
    }
}
