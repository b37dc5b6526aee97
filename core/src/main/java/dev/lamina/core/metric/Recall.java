package dev.lamina.core.metric;

/**
 * Keras's {@code Recall(thresholds=None, top_k=None, class_id=None)}: {@code TP / (TP + FN)} over every output
 * (threshold 0.5 by default), 0 when there are no positives ({@code divide_no_nan};
 * {@code keras/src/metrics/confusion_metrics.py}). With {@code topK}, only each row's k largest predictions can be
 * positive; with {@code classId}, only that column counts.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "recall");
 * new Recall(null, null, 2);                          // recall of class 2 of a softmax output
 * }</pre>
 */
public final class Recall extends ConfusionMetric {

    public Recall() {
        super("recall");
    }

    public Recall(double[] thresholds, Integer topK, Integer classId) {
        this("recall", thresholds, topK, classId);
    }

    public Recall(String name, double[] thresholds, Integer topK, Integer classId) {
        super(name, thresholds, topK, classId);
    }

    @Override
    protected double result(double truePositives, double falsePositives, double falseNegatives) {
        double positives = truePositives + falseNegatives;
        return positives == 0 ? 0.0 : truePositives / positives;
    }

    @Override
    public String className() {
        return "Recall";
    }
}
