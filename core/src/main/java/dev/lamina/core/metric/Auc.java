package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code AUC(num_thresholds=200, curve="ROC", summation_method="interpolation", multi_label=False)}: the area
 * under the ROC or the precision-recall curve, from confusion counts at {@code numThresholds} evenly spaced thresholds
 * in [0, 1] (the ends moved to -1e-7 and 1 + 1e-7), accumulated over batches ({@code keras/src/metrics/
 * confusion_metrics.py}, {@code AUC}). Predictions are clipped to [0, 1] and a label is positive when non-zero, as in
 * Keras's {@code metrics_utils._update_confusion_matrix_variables_optimized}; with sample weights each output counts
 * its row's weight instead of 1.
 *
 * <ul>
 *   <li>{@code "ROC"}: trapezoids of the true-positive rate over the false-positive rate.
 *   <li>{@code "PR"}: Keras's {@code interpolate_pr_auc} (Davis &amp; Goadrich 2006): between neighbouring thresholds
 *       the true positives are interpolated linearly in the predicted positives {@code P}, and precision integrated
 *       exactly, {@code slope * (dTP + intercept * log(P_a / P_b)) / positives}.
 *   <li>{@code multiLabel}: one area per output column, then their plain mean; otherwise every output is one point.
 * </ul>
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "accuracy", "auc");
 * Auc prAuc = new Auc("pr_auc", 200, "PR", true);
 * }</pre>
 */
public final class Auc implements Metric {

    private static final double EPSILON = 1e-7;
    private final String name;
    private final String curve;
    private final boolean multiLabel;
    private final double[] thresholds;
    private double[][] truePositives; // [label][threshold]
    private double[][] falsePositives;
    private double[] positives;
    private double[] negatives;

    public Auc() {
        this(200);
    }

    public Auc(int numThresholds) {
        this("auc", numThresholds, "ROC", false);
    }

    /**
     * @param numThresholds > 1 (Keras's default 200)
     * @param curve         {@code "ROC"} (default) or {@code "PR"}
     * @param multiLabel    an area per output column, averaged (Keras's {@code multi_label=True}); false flattens
     */
    public Auc(String name, int numThresholds, String curve, boolean multiLabel) {
        if (numThresholds < 2) {
            throw new IllegalArgumentException(name + ": num_thresholds must be > 1. Received: " + numThresholds);
        }
        if (!"ROC".equals(curve) && !"PR".equals(curve)) {
            throw new IllegalArgumentException(name + ": curve must be \"ROC\" or \"PR\". Received: curve=" + curve);
        }
        this.name = name;
        this.curve = curve;
        this.multiLabel = multiLabel;
        thresholds = new double[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) {
            thresholds[i] = (double) i / (numThresholds - 1);
        }
        thresholds[0] = -EPSILON;
        thresholds[numThresholds - 1] = 1.0 + EPSILON;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        truePositives = null;
        falsePositives = null;
        positives = null;
        negatives = null;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(name, yPred, yTrue);
        double[] weights = Rows.weights(name, sampleWeights, rows[0].length);
        if (rows[0].length == 0) {
            return;
        }
        int columns = rows[0][0].length;
        int labels = multiLabel ? columns : 1;
        if (truePositives == null) {
            truePositives = new double[labels][thresholds.length];
            falsePositives = new double[labels][thresholds.length];
            positives = new double[labels];
            negatives = new double[labels];
        } else if (truePositives.length != labels) {
            throw new IllegalArgumentException(name + " (multi_label) was updated with " + truePositives.length
                    + " output columns, now " + columns + ". Reset it between data of different widths.");
        }
        // histogram by threshold bucket: a prediction p is "positive" at every threshold t < p
        int k = thresholds.length;
        double[][] positiveAbove = new double[labels][k + 1];
        double[][] negativeAbove = new double[labels][k + 1];
        for (int i = 0; i < rows[0].length; i++) {
            double w = Rows.weight(weights, i);
            for (int j = 0; j < columns; j++) {
                int label = multiLabel ? j : 0;
                double p = Math.min(1.0, Math.max(0.0, rows[0][i][j]));
                int bucket = countBelow(p); // thresholds[0..bucket-1] < p
                if (rows[1][i][j] != 0) {
                    positiveAbove[label][bucket] += w;
                    positives[label] += w;
                } else {
                    negativeAbove[label][bucket] += w;
                    negatives[label] += w;
                }
            }
        }
        for (int label = 0; label < labels; label++) {
            double tp = 0;
            double fp = 0;
            for (int t = k - 1; t >= 0; t--) {
                tp += positiveAbove[label][t + 1];
                fp += negativeAbove[label][t + 1];
                truePositives[label][t] += tp;
                falsePositives[label][t] += fp;
            }
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

    /** The area (the mean of the per-column areas with {@code multiLabel}); NaN before any update. */
    @Override
    public double result() {
        if (truePositives == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int label = 0; label < truePositives.length; label++) {
            sum += "ROC".equals(curve) ? rocArea(label) : prArea(label);
        }
        return sum / truePositives.length;
    }

    private double rocArea(int label) {
        double[] tp = truePositives[label];
        double[] fp = falsePositives[label];
        double area = 0;
        for (int t = 0; t < thresholds.length - 1; t++) {
            double tpr0 = divideNoNan(tp[t], positives[label]);
            double tpr1 = divideNoNan(tp[t + 1], positives[label]);
            double fpr0 = divideNoNan(fp[t], negatives[label]);
            double fpr1 = divideNoNan(fp[t + 1], negatives[label]);
            area += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
        }
        return area;
    }

    /** Keras's {@code interpolate_pr_auc}, term by term. */
    private double prArea(int label) {
        double[] tp = truePositives[label];
        double[] fp = falsePositives[label];
        double area = 0;
        for (int t = 0; t < thresholds.length - 1; t++) {
            double pa = tp[t] + fp[t];
            double pb = tp[t + 1] + fp[t + 1];
            double dtp = tp[t] - tp[t + 1];
            double slope = divideNoNan(dtp, Math.max(pa - pb, 0));
            double intercept = tp[t + 1] - slope * pb;
            double ratio = pa > 0 && pb > 0 ? divideNoNan(pa, Math.max(pb, 0)) : 1;
            area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(positives[label], 0));
        }
        return area;
    }

    private static double divideNoNan(double x, double y) {
        return y == 0 ? 0 : x / y;
    }

    @Override
    public String className() {
        return "AUC";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("num_thresholds", thresholds.length);
        config.put("curve", curve);
        config.put("multi_label", multiLabel);
        return config;
    }
}
