package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code log_cosh} ({@code logcosh}): {@code mean(log(cosh(e)))} over the last axis with
 * {@code e = yPred - y}, computed as Keras does as {@code e + softplus(-2 e) - log 2} (no overflow for large errors).
 * Like {@code mse} for small errors and {@code mae} for large ones; gradient {@code tanh(e) / n}.
 * (keras/src/losses/losses.py, {@code log_cosh})
 *
 * <pre>{@code
 * model.compile("adam", "log_cosh");
 * }</pre>
 */
public record LogCosh() implements Loss {

    private static final double LOG_2 = Math.log(2);

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            double e = p - y;
            return e + Elementwise.softplus(-2 * e) - LOG_2;
        }

        @Override
        public double derivative(double p, double y) {
            return Math.tanh(p - y);
        }
    };

    @Override
    public String name() {
        return "log_cosh";
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
