package dev.lamina.core.activation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code leaky_relu(x, negative_slope=0.2)}: {@code x} for {@code x > 0}, else {@code negativeSlope * x};
 * {@code f'(0) = negativeSlope}, as TensorFlow's gradient gives.
 *
 * <pre>{@code
 * new Dense(32, new LeakyRelu(0.01));
 * }</pre>
 *
 * @param negativeSlope slope for x &lt;= 0 (default 0.2)
 */
public record LeakyRelu(double negativeSlope) implements ElementwiseActivation {

    /** Leaky ReLU with Keras's default slope 0.2. */
    public LeakyRelu() {
        this(0.2);
    }

    public LeakyRelu {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("leaky_relu: negative_slope must be finite. Received: "
                    + negativeSlope);
        }
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public INDArray apply(INDArray x) {
        return Transforms.leakyRelu(x, negativeSlope, true);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray positive = Masks.greaterThan(x, 0.0);
        return positive.rsub(1.0).muli(negativeSlope).addi(positive);
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("negative_slope", negativeSlope);
    }
}
