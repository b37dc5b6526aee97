package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code mean_squared_error} ({@code mse}): {@code mean((yPred - y)^2)} over the last axis.
 *
 * <pre>{@code
 * model.compile("adam", "mse");
 * }</pre>
 */
public record MeanSquaredError() implements Loss {

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        INDArray error = yPred.sub(yTrue);
        return error.muli(error).mean(1);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return yPred.sub(yTrue).muli(2.0 / yPred.size(1));
    }
}
