package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code mean_absolute_percentage_error} ({@code mape}):
 * {@code 100 mean(|y - yPred| / max(|y|, 1e-7))} over the last axis. Gradient
 * {@code 100 sign(yPred - y) / (max(|y|, 1e-7) n)}, 0 at a zero error.
 * (keras/src/losses/losses.py, {@code mean_absolute_percentage_error})
 *
 * <pre>{@code
 * model.compile("adam", "mape");
 * }</pre>
 */
public record MeanAbsolutePercentageError() implements Loss {

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            return 100 * Math.abs(y - p) / Math.max(Math.abs(y), Epsilon.VALUE);
        }

        @Override
        public double derivative(double p, double y) {
            return 100 * Math.signum(p - y) / Math.max(Math.abs(y), Epsilon.VALUE);
        }
    };

    @Override
    public String name() {
        return "mean_absolute_percentage_error";
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
