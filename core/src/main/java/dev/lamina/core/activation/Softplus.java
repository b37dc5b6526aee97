package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code softplus}: {@code log(exp(x) + 1)}, computed as {@code max(x, 0) + log1p(exp(-|x|))} so that it
 * neither overflows nor loses its linear tail for large |x|; {@code f'(x) = sigmoid(x)}.
 *
 * <pre>{@code
 * new Dense(8, "softplus");
 * }</pre>
 */
public record Softplus() implements ElementwiseActivation {

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return Transforms.relu(x, true).addi(tail);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Transforms.sigmoid(x, true);
    }
}
