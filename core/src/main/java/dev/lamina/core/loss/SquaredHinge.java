package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code squared_hinge}: {@code mean(max(1 - y * yPred, 0)^2)} over the last axis, for labels -1/1; labels
 * that are all 0 or 1 (in the batch) become -1/1 first, as in {@link Hinge}. Gradient
 * {@code -2 y max(1 - y yPred, 0) / n}. (keras/src/losses/losses.py, {@code squared_hinge})
 *
 * <pre>{@code
 * model.compile("adam", "squared_hinge");
 * }</pre>
 */
public record SquaredHinge() implements Loss {

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            double margin = Math.max(1 - y * p, 0);
            return margin * margin;
        }

        @Override
        public double derivative(double p, double y) {
            return -2 * y * Math.max(1 - y * p, 0);
        }
    };

    @Override
    public String name() {
        return "squared_hinge";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return Elementwise.mean(name(), yPred, Hinge.signedLabels(yTrue), TERM);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return Elementwise.gradient(name(), yPred, Hinge.signedLabels(yTrue), TERM);
    }
}
