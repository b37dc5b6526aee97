package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code tanh}: the hyperbolic tangent, in (-1, 1); {@code f'(x) = 1 - tanh(x)^2}.
 *
 * <pre>{@code
 * new Dense(8, "tanh");
 * }</pre>
 */
public record Tanh() implements ElementwiseActivation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.tanh(x, true);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray t = Transforms.tanh(x, true);
        return t.muli(t).rsubi(1.0);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        return y.mul(y).rsubi(1.0).muli(gradOutput);
    }
}
