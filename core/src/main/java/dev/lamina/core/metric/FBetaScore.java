package dev.lamina.core.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code FBetaScore(average=None, beta=1.0, threshold=None)}, the weighted harmonic mean of precision and
 * recall, {@code (1 + b^2) p r / (b^2 p + r)}, per output column from true/false positive and false negative counts
 * accumulated over every batch ({@code keras/src/metrics/f_score_metrics.py}; with Keras's epsilon 1e-7 in each
 * denominator, so a class never predicted nor present scores 0). With sample weights each count (and the support)
 * adds its row's weight instead of 1, as Keras's {@code _weighted_sum}.
 *
 * <p>An output counts as predicted positive when it is greater than {@code threshold}; with no threshold
 * ({@code null}, Keras's default), when it is its row's maximum and not zero, so exactly as in Keras a single sigmoid
 * unit is then "positive" for every non-zero output: give a threshold for binary outputs.
 *
 * <p>{@code average}: {@code null} one score per column ({@link #perClass}); {@code "micro"} one score from the counts
 * summed over columns; {@code "macro"} the plain mean of the column scores; {@code "weighted"} their mean weighted by
 * each column's support (the sum of its labels).
 *
 * <pre>{@code
 * FBetaScore f2 = new FBetaScore("macro", 2.0, 0.5);
 * f2.update(model.predict(x), y);
 * double score = f2.result();
 * }</pre>
 */
public class FBetaScore implements Metric {

    private static final double EPSILON = 1e-7;
    private final String name;
    private final String average;
    private final double beta;
    private final Double threshold;
    private double[] truePositives;
    private double[] falsePositives;
    private double[] falseNegatives;
    private double[] support;

    /** Keras's defaults: no averaging, beta 1, arg-max instead of a threshold. */
    public FBetaScore() {
        this("fbeta_score", null, 1.0, null);
    }

    public FBetaScore(String average, double beta, Double threshold) {
        this("fbeta_score", average, beta, threshold);
    }

    /**
     * @param average   {@code null}, {@code "micro"}, {@code "macro"} or {@code "weighted"}
     * @param beta      the weight of recall, > 0
     * @param threshold in (0, 1], or {@code null} for each row's arg-max
     */
    public FBetaScore(String name, String average, double beta, Double threshold) {
        if (average != null && !Arrays.asList("micro", "macro", "weighted").contains(average)) {
            throw new IllegalArgumentException(name + ": average must be null, \"micro\", \"macro\" or \"weighted\". "
                    + "Received: average=" + average);
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException(name + ": beta must be > 0. Received: beta=" + beta);
        }
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(name + ": threshold must satisfy 0 < threshold <= 1, or be null for the "
                    + "arg-max. Received: threshold=" + threshold);
        }
        this.name = name;
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    /** This metric, or an error naming the fix when {@code average = null} would give several scores. */
    final FBetaScore forOneColumn(long outputUnits) {
        if (average == null && outputUnits != 1) {
            throw new IllegalArgumentException("'" + name + "' by name is Keras's default (average=None): one score per "
                    + "class, " + outputUnits + " here, which History cannot hold as one value. Compute it on predict's "
                    + "output with new F1Score(\"macro\", null) (or \"micro\", \"weighted\") instead.");
        }
        return this;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        truePositives = null;
        falsePositives = null;
        falseNegatives = null;
        support = null;
    }

    @Override
    public final void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(name, yPred, yTrue);
        double[] weights = Rows.weights(name, sampleWeights, rows[0].length);
        if (rows[0].length == 0) {
            return;
        }
        int columns = rows[0][0].length;
        if (truePositives == null) {
            truePositives = new double[columns];
            falsePositives = new double[columns];
            falseNegatives = new double[columns];
            support = new double[columns];
        } else if (truePositives.length != columns) {
            throw new IllegalArgumentException(name + " was updated with " + truePositives.length
                    + " output columns, now " + columns + ". Reset it between data of different widths.");
        }
        for (int i = 0; i < rows[0].length; i++) {
            double[] p = rows[0][i];
            double[] y = rows[1][i];
            double w = Rows.weight(weights, i);
            double max = Arrays.stream(p).max().getAsDouble();
            for (int j = 0; j < columns; j++) {
                boolean positive = threshold == null ? p[j] >= max && Math.abs(p[j]) > 1e-9 : p[j] > threshold;
                double predicted = positive ? 1 : 0;
                truePositives[j] += predicted * y[j] * w;
                falsePositives[j] += predicted * (1 - y[j]) * w;
                falseNegatives[j] += (1 - predicted) * y[j] * w;
                support[j] += y[j] * w;
            }
        }
    }

    /**
     * The score of each output column, or with {@code average = "micro"} the one score of the summed counts; an
     * empty array before any update.
     */
    public final double[] perClass() {
        if (truePositives == null) {
            return new double[0];
        }
        if ("micro".equals(average)) {
            return new double[] {score(sum(truePositives), sum(falsePositives), sum(falseNegatives))};
        }
        double[] scores = new double[truePositives.length];
        for (int j = 0; j < scores.length; j++) {
            scores[j] = score(truePositives[j], falsePositives[j], falseNegatives[j]);
        }
        return scores;
    }

    /**
     * The averaged score; NaN before any update. With {@code average = null} it is the score of the only column, and
     * an error for several columns (use {@link #perClass} or an average).
     */
    @Override
    public final double result() {
        if (truePositives == null) {
            return Double.NaN;
        }
        double[] scores = perClass();
        if (average == null) {
            if (scores.length != 1) {
                throw new IllegalStateException(name + " with average=null has one score per class (" + scores.length
                        + " here). Read them with perClass(), or choose average \"micro\", \"macro\" or \"weighted\".");
            }
            return scores[0];
        }
        if ("weighted".equals(average)) {
            double total = sum(support);
            double weighted = 0;
            for (int j = 0; j < scores.length; j++) {
                weighted += scores[j] * (support[j] / (total + EPSILON));
            }
            return weighted;
        }
        return sum(scores) / scores.length; // micro (one score) and macro
    }

    private double score(double tp, double fp, double fn) {
        double precision = tp / (tp + fp + EPSILON);
        double recall = tp / (tp + fn + EPSILON);
        double b2 = beta * beta;
        return (1 + b2) * (precision * recall / (b2 * precision + recall + EPSILON));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** {@code "FBetaScore"}; null for a subclass of your own (it overrides {@link #fresh}). */
    @Override
    public String className() {
        return getClass() == FBetaScore.class ? "FBetaScore" : null;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("average", average);
        config.put("beta", beta);
        config.put("threshold", threshold);
        return config;
    }
}
