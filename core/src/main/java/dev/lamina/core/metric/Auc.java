package dev.lamina.core.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code AUC(num_thresholds=200, curve="ROC", summation_method="interpolation")}: the area under the ROC
 * curve, from confusion counts at {@code numThresholds} evenly spaced thresholds in [0, 1] (plus -eps and 1+eps at the
 * ends), summed with the trapezoidal rule, exactly as Keras approximates it.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "accuracy", "auc");
 * }</pre>
 */
public final class Auc implements Metric {

    private static final double EPSILON = 1e-7;
    private final double[] thresholds;
    private final double[] truePositives;
    private final double[] falsePositives;
    private double positives;
    private double negatives;

    public Auc() {
        this(200);
    }

    public Auc(int numThresholds) {
        if (numThresholds < 2) {
            throw new IllegalArgumentException("auc: num_thresholds must be > 1. Received: " + numThresholds);
        }
        thresholds = new double[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) {
            thresholds[i] = (double) i / (numThresholds - 1);
        }
        thresholds[0] = -EPSILON;
        thresholds[numThresholds - 1] = 1.0 + EPSILON;
        truePositives = new double[numThresholds];
        falsePositives = new double[numThresholds];
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(truePositives, 0);
        java.util.Arrays.fill(falsePositives, 0);
        positives = 0;
        negatives = 0;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue) {
        double[] predictions = yPred.castTo(DataType.DOUBLE).reshape(yPred.length()).toDoubleVector();
        double[] labels = yTrue.castTo(DataType.DOUBLE).reshape(yTrue.length()).toDoubleVector();
        // histogram by threshold bucket: a prediction p is "positive" at every threshold t < p
        int k = thresholds.length;
        double[] positiveAbove = new double[k + 1];
        double[] negativeAbove = new double[k + 1];
        for (int i = 0; i < predictions.length; i++) {
            double p = Math.min(1.0, Math.max(0.0, predictions[i]));
            int bucket = countBelow(p); // thresholds[0..bucket-1] < p
            if (labels[i] > 0.5) {
                positiveAbove[bucket] += 1;
                positives += 1;
            } else {
                negativeAbove[bucket] += 1;
                negatives += 1;
            }
        }
        double tp = 0;
        double fp = 0;
        for (int t = k - 1; t >= 0; t--) {
            tp += positiveAbove[t + 1];
            fp += negativeAbove[t + 1];
            truePositives[t] += tp;
            falsePositives[t] += fp;
        }
    }

    private int countBelow(double p) {
        int low = 0;
        int high = thresholds.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (thresholds[mid] < p) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public double result() {
        if (positives + negatives == 0) {
            return Double.NaN;
        }
        double area = 0;
        for (int t = 0; t < thresholds.length - 1; t++) {
            double tpr0 = positives == 0 ? 0 : truePositives[t] / positives;
            double tpr1 = positives == 0 ? 0 : truePositives[t + 1] / positives;
            double fpr0 = negatives == 0 ? 0 : falsePositives[t] / negatives;
            double fpr1 = negatives == 0 ? 0 : falsePositives[t + 1] / negatives;
            area += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
        }
        return area;
    }
}
