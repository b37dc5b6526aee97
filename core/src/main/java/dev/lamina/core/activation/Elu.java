package dev.lamina.core.activation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code elu(x, alpha=1.0)}: {@code x} for {@code x > 0}, else {@code alpha * expm1(x)};
 * {@code f'(x) = 1} for {@code x > 0}, else {@code alpha * exp(x)}.
 *
 * <pre>{@code
 * new Dense(32, new Elu(0.5));
 * }</pre>
 *
 * @param alpha scale of the negative part (default 1.0)
 */
public record Elu(double alpha) implements ElementwiseActivation {

    /** ELU with {@code alpha = 1.0}. */
    public Elu() {
        this(1.0);
    }

    public Elu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite. Received: alpha=" + alpha);
        }
    }

    @Override
    public String name() {
        return "elu";
    }

    static INDArray elu(INDArray x, double alpha) {
        INDArray positive = Masks.greaterThan(x, 0.0);
        INDArray negativePart = Transforms.expm1(Transforms.min(x, 0.0, true), false).muli(alpha);
        return x.mul(positive).addi(negativePart);
    }

    static INDArray eluDerivative(INDArray x, double alpha) {
        INDArray positive = Masks.greaterThan(x, 0.0);
        INDArray negative = Transforms.exp(Transforms.min(x, 0.0, true), false).muli(alpha).muli(positive.rsub(1.0));
        return positive.addi(negative);
    }

    @Override
    public INDArray apply(INDArray x) {
        return elu(x, alpha);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return eluDerivative(x, alpha);
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("alpha", alpha);
    }
}
