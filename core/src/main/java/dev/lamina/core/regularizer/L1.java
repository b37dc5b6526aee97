package dev.lamina.core.regularizer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code L1(l1=0.01)}: {@code l1 * sum(|x|)} (gradient {@code l1 * sign(x)}, 0 at 0).
 *
 * <pre>{@code
 * new Dense(16).kernelRegularizer(new L1(1e-3));
 * }</pre>
 *
 * @param l1 the factor, finite and {@code >= 0}
 */
public record L1(double l1) implements Regularizer {

    public L1 {
        Regularizers.checkFactor("l1", l1);
    }

    /** Keras's default factor, 0.01. */
    public L1() {
        this(0.01);
    }

    @Override
    public String className() {
        return "L1";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("l1", l1);
    }

    @Override
    public double penalty(INDArray x) {
        return L1L2.penalty(x, l1, 0);
    }

    @Override
    public void addGradient(INDArray x, double scale, INDArray gradient) {
        L1L2.addGradient(x, l1 * scale, 0, gradient);
    }
}
