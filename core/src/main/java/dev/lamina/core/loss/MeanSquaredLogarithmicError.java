package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code mean_squared_logarithmic_error} ({@code msle}):
 * {@code mean((log(max(yPred, 1e-7) + 1) - log(max(y, 1e-7) + 1))^2)} over the last axis. Gradient
 * {@code 2 (a - b) / ((yPred + 1) n)} where {@code yPred >= 1e-7} (TensorFlow's {@code maximum} passes it at the tie),
 * else 0. (keras/src/losses/losses.py, {@code mean_squared_logarithmic_error})
 *
 * <pre>{@code
 * model.compile("adam", "msle");
 * }</pre>
 */
public record MeanSquaredLogarithmicError() implements Loss {

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            double d = Math.log(Math.max(p, Epsilon.VALUE) + 1) - Math.log(Math.max(y, Epsilon.VALUE) + 1);
            return d * d;
        }

        @Override
        public double derivative(double p, double y) {
            if (p < Epsilon.VALUE) {
                return 0;
            }
            double d = Math.log(p + 1) - Math.log(Math.max(y, Epsilon.VALUE) + 1);
            return 2 * d / (p + 1);
        }
    };

    @Override
    public String name() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return Elementwise.mean(name(), yPred, yTrue, TERM);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return Elementwise.gradient(name(), yPred, yTrue, TERM);
    }
}
