package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code sigmoid}: {@code 1 / (1 + exp(-x))}, in (0, 1); {@code f'(x) = f(x) (1 - f(x))}.
 *
 * <pre>{@code
 * new Dense(1, "sigmoid");
 * }</pre>
 */
public record Sigmoid() implements ElementwiseActivation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public INDArray apply(INDArray x) {
        return applyInto(x, x.ulike());
    }

    @Override
    public INDArray applyInto(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
        return out;
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = apply(x);
        return s.muli(s.rsub(1.0));
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        return y.rsub(1.0).muli(y).muli(gradOutput);
    }
}
