package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mish}: {@code x * tanh(softplus(x))};
 * {@code f'(x) = tanh(sp) + x * sigmoid(x) * (1 - tanh(sp)^2)} with {@code sp = softplus(x)}, finite for every x.
 *
 * <pre>{@code
 * new Dense(32, "mish");
 * }</pre>
 */
public record Mish() implements ElementwiseActivation {

    private static final Softplus SOFTPLUS = new Softplus();

    @Override
    public String name() {
        return "mish";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.tanh(SOFTPLUS.apply(x), false).muli(x);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray t = Transforms.tanh(SOFTPLUS.apply(x), false);
        INDArray tail = t.mul(t).rsubi(1.0).muli(Transforms.sigmoid(x, true)).muli(x);
        return t.addi(tail);
    }
}
