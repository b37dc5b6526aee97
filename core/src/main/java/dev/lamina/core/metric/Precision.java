package dev.lamina.core.metric;

/**
 * Keras's {@code precision} at threshold 0.5: {@code TP / (TP + FP)} over every output; 0 when nothing is predicted
 * positive.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "accuracy", "precision", "recall");
 * }</pre>
 */
public final class Precision extends ConfusionMetric {

    public Precision() {
        super("precision");
    }

    @Override
    protected double result(double truePositives, double falsePositives, double falseNegatives) {
        double predictedPositive = truePositives + falsePositives;
        return predictedPositive == 0 ? 0.0 : truePositives / predictedPositive;
    }
}
