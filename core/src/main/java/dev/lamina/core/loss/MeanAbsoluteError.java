package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code mean_absolute_error} ({@code mae}): {@code mean(|yPred - y|)} over the last axis; the gradient at a
 * zero error is 0, as TensorFlow's {@code abs} gives.
 *
 * <pre>{@code
 * model.compile("adam", "mae");
 * }</pre>
 */
public record MeanAbsoluteError() implements Loss {

    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return Transforms.abs(yPred.sub(yTrue), false).mean(1);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return Transforms.sign(yPred.sub(yTrue), false).divi(yPred.size(1));
    }
}
