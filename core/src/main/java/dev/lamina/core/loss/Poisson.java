package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code poisson}: {@code mean(yPred - y log(yPred + 1e-7))} over the last axis, for counts {@code y} and
 * positive predicted rates (an {@code exponential} or {@code softplus} output). Gradient
 * {@code (1 - y / (yPred + 1e-7)) / n}. (keras/src/losses/losses.py, {@code poisson})
 *
 * <pre>{@code
 * model.add(new Dense(1, "exponential"));
 * model.compile("adam", "poisson");
 * }</pre>
 */
public record Poisson() implements Loss {

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            return p - y * Math.log(p + Epsilon.VALUE);
        }

        @Override
        public double derivative(double p, double y) {
            return 1 - y / (p + Epsilon.VALUE);
        }
    };

    @Override
    public String name() {
        return "poisson";
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
