package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}, i.e. 0 for x &lt;= -3, 1 for x &gt;= 3, else
 * {@code x / 6 + 0.5} (tf.keras 2 used {@code clip(0.2 x + 0.5, 0, 1)}); {@code f'(x) = 1/6} for {@code -3 < x < 3}.
 *
 * <pre>{@code
 * new Dense(1, "hard_sigmoid");
 * }</pre>
 */
public record HardSigmoid() implements ElementwiseActivation {

    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray shifted = x.add(3.0);
        return Transforms.min(Transforms.relu(shifted, false), 6.0, false).divi(6.0);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Masks.between(x, -3.0, 3.0).divi(6.0);
    }
}
