package dev.lamina.core.regularizer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code L2(l2=0.01)}: {@code l2 * sum(x^2)} (gradient {@code 2 * l2 * x}). Unlike the optimizer's decoupled
 * {@code weight_decay}, it is part of the loss, so it goes through the optimizer's update rule.
 *
 * <pre>{@code
 * new Dense(16).kernelRegularizer(new L2(1e-4));
 * }</pre>
 *
 * @param l2 the factor, finite and {@code >= 0}
 */
public record L2(double l2) implements Regularizer {

    public L2 {
        Regularizers.checkFactor("l2", l2);
    }

    /** Keras's default factor, 0.01. */
    public L2() {
        this(0.01);
    }

    @Override
    public String className() {
        return "L2";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("l2", l2);
    }

    @Override
    public double penalty(INDArray x) {
        return L1L2.penalty(x, 0, l2);
    }

    @Override
    public void addGradient(INDArray x, double scale, INDArray gradient) {
        L1L2.addGradient(x, 0, l2 * scale, gradient);
    }
}
