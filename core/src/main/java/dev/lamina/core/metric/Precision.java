package dev.lamina.core.metric;

/**
 * Keras's {@code Precision(thresholds=None, top_k=None, class_id=None)}: {@code TP / (TP + FP)} over every output
 * (threshold 0.5 by default), 0 when nothing is predicted positive ({@code divide_no_nan};
 * {@code keras/src/metrics/confusion_metrics.py}). With {@code topK}, only each row's k largest predictions can be
 * positive; with {@code classId}, only that column counts.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "accuracy", "precision", "recall");
 * new Precision(null, 5, null);                       // precision at 5 for multi-label outputs
 * new Precision(new double[] {0.3, 0.5, 0.7}, null, null).perThreshold();
 * }</pre>
 */
public final class Precision extends ConfusionMetric {

    public Precision() {
        super("precision");
    }

    public Precision(double[] thresholds, Integer topK, Integer classId) {
        this("precision", thresholds, topK, classId);
    }

    public Precision(String name, double[] thresholds, Integer topK, Integer classId) {
        super(name, thresholds, topK, classId);
    }

    @Override
    protected double result(double truePositives, double falsePositives, double falseNegatives) {
        double predictedPositive = truePositives + falsePositives;
        return predictedPositive == 0 ? 0.0 : truePositives / predictedPositive;
    }

    @Override
    public String className() {
        return "Precision";
    }
}
