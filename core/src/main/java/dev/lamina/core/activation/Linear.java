package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code linear}: the identity, {@code f(x) = x}, {@code f'(x) = 1}; what a {@code Dense} without an activation
 * uses.
 *
 * <pre>{@code
 * new Dense(1);   // linear output, for regression
 * }</pre>
 */
public record Linear() implements ElementwiseActivation {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public INDArray apply(INDArray x) {
        return x.dup();
    }

    @Override
    public INDArray applyInto(INDArray x, INDArray out) {
        return out == x ? out : out.assign(x);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return x.ulike().assign(1.0);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        return gradOutput.dup();
    }
}
