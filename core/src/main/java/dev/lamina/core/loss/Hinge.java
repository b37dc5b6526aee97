package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code hinge}: {@code mean(max(1 - y * yPred, 0))} over the last axis, for labels -1/1. As Keras's
 * {@code convert_binary_labels_to_hinge} does, labels that are all 0 or 1 (in the batch) become -1/1 first; other
 * labels are used as they are. The gradient, {@code -y / n} where {@code 1 - y yPred > 0}, is 0 at the kink.
 * (keras/src/losses/losses.py, {@code hinge})
 *
 * <pre>{@code
 * model.add(new Dense(1, "tanh"));
 * model.compile("adam", "hinge");   // labels 0/1 or -1/1
 * }</pre>
 */
public record Hinge() implements Loss {

    private static final Elementwise.Term TERM = new Elementwise.Term() {
        @Override
        public double value(double p, double y) {
            return Math.max(1 - y * p, 0);
        }

        @Override
        public double derivative(double p, double y) {
            return 1 - y * p > 0 ? -y : 0;
        }
    };

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return Elementwise.mean(name(), yPred, signedLabels(yTrue), TERM);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return Elementwise.gradient(name(), yPred, signedLabels(yTrue), TERM);
    }

    /** Keras's {@code convert_binary_labels_to_hinge}: {@code 2y - 1} when every label is 0 or 1, else unchanged. */
    static INDArray signedLabels(INDArray yTrue) {
        // the batch's own values: a batch may be a view into all the labels
        for (double[] row : Elementwise.host(yTrue)) {
            for (double v : row) {
                if (v != 0 && v != 1) {
                    return yTrue;
                }
            }
        }
        return yTrue.mul(2.0).subi(1.0);
    }
}
