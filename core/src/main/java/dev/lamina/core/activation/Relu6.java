package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code relu6}: {@code min(max(x, 0), 6)}; {@code f'(x) = 1} only for {@code 0 < x < 6}.
 *
 * <pre>{@code
 * new Dense(32, "relu6");
 * }</pre>
 */
public record Relu6() implements ElementwiseActivation {

    @Override
    public String name() {
        return "relu6";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.min(Transforms.relu(x, true), 6.0, false);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Masks.between(x, 0.0, 6.0);
    }
}
