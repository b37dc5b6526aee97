package dev.lamina.core.regularizer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A penalty on a tensor that is added to the training loss, as Keras's {@code keras.regularizers.Regularizer}: on a
 * weight (a layer's {@code kernel_regularizer}, {@code bias_regularizer}) or on a layer's output
 * ({@code activity_regularizer}, divided by the batch size as Keras 3's {@code Layer.__call__} does).
 *
 * <p>Both built-ins are {@link L1L2}: {@code l1 * sum(|x|) + l2 * sum(x^2)}; {@link L1} and {@link L2} are its two
 * halves under Keras's class names.
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 */
public interface Regularizer {

    /** Keras's class name ({@code L1}, {@code L2}, {@code L1L2}). */
    String className();

    /** Keras's config ({@code {"l2": 0.01}}). */
    Map<String, Double> config();

    /** The penalty of {@code x}, in double precision. */
    double penalty(INDArray x);

    /**
     * Adds {@code scale} times the gradient of the penalty with respect to {@code x} to {@code gradient} (same shape),
     * in place.
     */
    void addGradient(INDArray x, double scale, INDArray gradient);
}
