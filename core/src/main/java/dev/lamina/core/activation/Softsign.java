package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code softsign}: {@code x / (|x| + 1)}, in (-1, 1); {@code f'(x) = 1 / (|x| + 1)^2}.
 *
 * <pre>{@code
 * new Dense(8, "softsign");
 * }</pre>
 */
public record Softsign() implements ElementwiseActivation {

    @Override
    public String name() {
        return "softsign";
    }

    @Override
    public INDArray apply(INDArray x) {
        return x.div(Transforms.abs(x, true).addi(1.0));
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray denominator = Transforms.abs(x, true).addi(1.0);
        return denominator.muli(denominator).rdivi(1.0);
    }
}
