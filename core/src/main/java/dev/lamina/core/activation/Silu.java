package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code silu}, alias {@code swish}: {@code x * sigmoid(x)};
 * {@code f'(x) = sigmoid(x) (1 + x (1 - sigmoid(x)))}, finite for every x (ND4J's own swish backprop is NaN above 50).
 *
 * <pre>{@code
 * new Dense(32, "swish");
 * }</pre>
 */
public record Silu() implements ElementwiseActivation {

    @Override
    public String name() {
        return "silu";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.sigmoid(x, true).muli(x);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = Transforms.sigmoid(x, true);
        return s.rsub(1.0).muli(x).addi(1.0).muli(s);
    }
}
