package dev.lamina.core.metric;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * True positive, false positive and false negative counts at each threshold, as Keras 3's
 * {@code metrics_utils.update_confusion_matrix_variables}: a label is positive when non-zero, a prediction when
 * greater than the threshold, each counting its row's sample weight (1 without weights); with {@code topK}, every value outside its row's k largest (ties: the lower index
 * first, as {@code ops.top_k}) is replaced by -1e10 first; with {@code classId}, only that column counts.
 */
final class ConfusionCounts {

    /** Keras's {@code NEG_INF}, the default threshold with {@code top_k}. */
    static final double NEG_INF = -1e10;

    private final double[] thresholds;
    private final Integer topK;
    private final Integer classId;
    private final double[] truePositives;
    private final double[] falsePositives;
    private final double[] falseNegatives;

    /** @param thresholds null for Keras's default: 0.5, or -1e10 with {@code topK} */
    ConfusionCounts(String metric, double[] thresholds, Integer topK, Integer classId) {
        if (thresholds == null) {
            thresholds = new double[] {topK == null ? 0.5 : NEG_INF};
        } else {
            if (thresholds.length == 0) {
                throw new IllegalArgumentException(metric + ": thresholds is empty. Give at least one, e.g. 0.5.");
            }
            for (double t : thresholds) {
                if (!(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException(metric + ": threshold values must be in [0, 1]. Received: "
                            + Arrays.toString(thresholds));
                }
            }
        }
        if (topK != null && topK < 1) {
            throw new IllegalArgumentException(metric + ": top_k must be >= 1. Received: top_k=" + topK);
        }
        if (classId != null && classId < 0) {
            throw new IllegalArgumentException(metric + ": class_id must be >= 0. Received: class_id=" + classId);
        }
        this.thresholds = thresholds.clone();
        this.topK = topK;
        this.classId = classId;
        truePositives = new double[thresholds.length];
        falsePositives = new double[thresholds.length];
        falseNegatives = new double[thresholds.length];
    }

    int size() {
        return thresholds.length;
    }

    void reset() {
        Arrays.fill(truePositives, 0);
        Arrays.fill(falsePositives, 0);
        Arrays.fill(falseNegatives, 0);
    }

    void update(String metric, INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(metric, yPred, yTrue);
        double[] weights = Rows.weights(metric, sampleWeights, rows[0].length);
        for (int i = 0; i < rows[0].length; i++) {
            double w = Rows.weight(weights, i);
            double[] p = topK == null ? rows[0][i] : keepTopK(rows[0][i], topK);
            double[] y = rows[1][i];
            if (classId != null && classId >= p.length) {
                throw new IllegalArgumentException(metric + ": class_id " + classId + " is not a column of predictions "
                        + "with " + p.length + " columns. Use a class id in [0, " + p.length + ").");
            }
            int from = classId == null ? 0 : classId;
            int to = classId == null ? p.length : classId + 1;
            for (int j = from; j < to; j++) {
                boolean label = y[j] != 0;
                for (int t = 0; t < thresholds.length; t++) {
                    boolean predicted = p[j] > thresholds[t];
                    if (predicted && label) {
                        truePositives[t] += w;
                    } else if (predicted) {
                        falsePositives[t] += w;
                    } else if (label) {
                        falseNegatives[t] += w;
                    }
                }
            }
        }
    }

    /** Keras's {@code _filter_top_k}: the k largest kept, the rest set to -1e10. */
    static double[] keepTopK(double[] row, int k) {
        Integer[] order = new Integer[row.length];
        for (int j = 0; j < row.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(row[b], row[a])); // stable: ties keep the lower index first
        double[] kept = new double[row.length];
        Arrays.fill(kept, NEG_INF);
        for (int r = 0; r < Math.min(k, row.length); r++) {
            kept[order[r]] = row[order[r]];
        }
        return kept;
    }

    double truePositives(int t) {
        return truePositives[t];
    }

    double falsePositives(int t) {
        return falsePositives[t];
    }

    double falseNegatives(int t) {
        return falseNegatives[t];
    }
}
