package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code selu}: {@code SCALE * elu(x, ALPHA)} with Klambauer et al.'s constants. Pair it with the
 * {@code lecun_normal} kernel initializer, as Keras advises.
 *
 * <pre>{@code
 * new Dense(64, "selu").kernelInitializer("lecun_normal");
 * }</pre>
 */
public record Selu() implements ElementwiseActivation {

    /** Keras's {@code alpha}: 1.6732632423543772848170429916717. */
    public static final double ALPHA = 1.6732632423543772848170429916717;
    /** Keras's {@code scale}: 1.0507009873554804934193349852946. */
    public static final double SCALE = 1.0507009873554804934193349852946;

    @Override
    public String name() {
        return "selu";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Elu.elu(x, ALPHA).muli(SCALE);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Elu.eluDerivative(x, ALPHA).muli(SCALE);
    }
}
