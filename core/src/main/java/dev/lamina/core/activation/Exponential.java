package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code exponential}: {@code exp(x)} (overflows to +inf above 88.72 in float32); {@code f'(x) = exp(x)}.
 *
 * <pre>{@code
 * new Dense(1, "exponential");   // e.g. a Poisson rate
 * }</pre>
 */
public record Exponential() implements ElementwiseActivation {

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.exp(x, true);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Transforms.exp(x, true);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        return y.mul(gradOutput);
    }
}
