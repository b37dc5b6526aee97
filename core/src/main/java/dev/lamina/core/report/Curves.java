package dev.lamina.core.report;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ROC and precision-recall curves of one class against the rest, as scikit-learn's {@code roc_curve} (with every
 * distinct score as a threshold, {@code drop_intermediate=False}) and {@code precision_recall_curve} with
 * {@code average_precision_score} compute them. The class's score is its column of the predictions, or for one
 * sigmoid column the probability of class 1 (and one minus it for class 0).
 *
 * <pre>{@code
 * Curve roc = Curves.roc(model.predict(xTest), yTest, 1);
 * Curve pr = Curves.precisionRecall(model.predict(xTest), yTest, 1);
 * }</pre>
 */
public final class Curves {

    private Curves() {
    }

    public static Curve roc(INDArray predictions, INDArray labels, int positiveClass) {
        Counts counts = counts(predictions, labels, positiveClass);
        int n = counts.thresholds.length;
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        double[] thresholds = new double[n + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        double area = 0;
        for (int i = 0; i < n; i++) {
            fpr[i + 1] = counts.falsePositives[i] / (double) counts.negatives;
            tpr[i + 1] = counts.truePositives[i] / (double) counts.positives;
            thresholds[i + 1] = counts.thresholds[i];
            area += (fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i]) / 2;
        }
        return new Curve(fpr, tpr, thresholds, area);
    }

    public static Curve precisionRecall(INDArray predictions, INDArray labels, int positiveClass) {
        Counts counts = counts(predictions, labels, positiveClass);
        int n = counts.thresholds.length;
        double[] recall = new double[n + 1];
        double[] precision = new double[n + 1];
        double[] thresholds = new double[n + 1];
        precision[0] = 1; // scikit-learn's end point: recall 0 at precision 1
        thresholds[0] = Double.POSITIVE_INFINITY;
        double averagePrecision = 0;
        for (int i = 0; i < n; i++) {
            long tp = counts.truePositives[i];
            recall[i + 1] = tp / (double) counts.positives;
            precision[i + 1] = tp / (double) (tp + counts.falsePositives[i]);
            thresholds[i + 1] = counts.thresholds[i];
            averagePrecision += (recall[i + 1] - recall[i]) * precision[i + 1];
        }
        return new Curve(recall, precision, thresholds, averagePrecision);
    }

    /** Cumulative true and false positives at each distinct score, highest score first. */
    private record Counts(double[] thresholds, long[] truePositives, long[] falsePositives, long positives,
                          long negatives) {
    }

    private static Counts counts(INDArray predictions, INDArray labels, int positiveClass) {
        int classes = Classes.count(predictions);
        if (positiveClass < 0 || positiveClass >= classes) {
            throw new IllegalArgumentException("curve: class " + positiveClass + " is not one of the " + classes
                    + " classes");
        }
        int rows = (int) predictions.size(0);
        int[] actual = Classes.actual(labels, classes, rows);
        double[] scores;
        if (predictions.size(1) == 1) {
            double[] p = predictions.castTo(DataType.DOUBLE).reshape(rows).toDoubleVector();
            scores = positiveClass == 1 ? p : Arrays.stream(p).map(v -> 1 - v).toArray();
        } else {
            scores = predictions.getColumn(positiveClass).castTo(DataType.DOUBLE).toDoubleVector();
        }
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("curve: the prediction in row " + i + " is NaN");
            }
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] thresholds = new double[rows];
        long[] tps = new long[rows];
        long[] fps = new long[rows];
        int points = 0;
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < rows; k++) {
            int i = order[k];
            if (actual[i] == positiveClass) {
                tp++;
            } else {
                fp++;
            }
            if (k == rows - 1 || scores[order[k + 1]] != scores[i]) { // the last row of a run of equal scores
                thresholds[points] = scores[i];
                tps[points] = tp;
                fps[points] = fp;
                points++;
            }
        }
        if (tp == 0 || fp == 0) {
            throw new IllegalArgumentException("curve: class " + positiveClass + " needs both positive and negative "
                    + "rows; the labels have " + tp + " positive and " + fp + " negative");
        }
        return new Counts(Arrays.copyOf(thresholds, points), Arrays.copyOf(tps, points), Arrays.copyOf(fps, points),
                tp, fp);
    }
}
