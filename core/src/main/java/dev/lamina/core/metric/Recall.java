package dev.lamina.core.metric;

/**
 * Keras's {@code recall} at threshold 0.5: {@code TP / (TP + FN)} over every output; 0 when there are no positives.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "recall");
 * }</pre>
 */
public final class Recall extends ConfusionMetric {

    public Recall() {
        super("recall");
    }

    @Override
    protected double result(double truePositives, double falsePositives, double falseNegatives) {
        double positives = truePositives + falseNegatives;
        return positives == 0 ? 0.0 : truePositives / positives;
    }
}
