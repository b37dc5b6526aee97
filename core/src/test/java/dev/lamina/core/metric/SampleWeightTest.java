package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sample weights in every metric, as Keras's {@code sample_weight}: weights of 1 change nothing, an integer weight k
 * counts a row as k copies of it (0 drops it), and the weighted values equal float64 formulas.
 */
class SampleWeightTest {

    private static final int ROWS = 41;

    /** Binary labels, several columns. */
    private static final double[][] BINARY_PRED = Streams.asFloats(Streams.uniform(ROWS, 3, 1));
    private static final double[][] BINARY_TRUE = zeroOne(Streams.uniform(ROWS, 3, 2));
    /** One-hot labels over four classes, and the same classes as integers. */
    private static final double[][] CLASS_PRED = Streams.asFloats(Streams.uniform(ROWS, 4, 3));
    private static final double[][] ONE_HOT = new double[ROWS][4];
    private static final double[][] SPARSE = new double[ROWS][1];
    /** Regression values, two columns. */
    private static final double[][] REG_PRED = Streams.asFloats(Streams.gaussian(ROWS, 2, 4));
    private static final double[][] REG_TRUE = Streams.asFloats(Streams.gaussian(ROWS, 2, 5));
    /** Integer weights with zeros among them. */
    private static final double[] WEIGHTS = new double[ROWS];

    static {
        Random random = new Random(6);
        for (int i = 0; i < ROWS; i++) {
            int c = random.nextInt(4);
            ONE_HOT[i][c] = 1;
            SPARSE[i][0] = c;
            WEIGHTS[i] = random.nextInt(4); // 0, 1, 2 or 3
        }
    }

    private static double[][] zeroOne(double[][] a) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] > 0.6 ? 1 : 0;
            }
        }
        return a;
    }

    static Stream<Arguments> metrics() {
        List<Arguments> all = new ArrayList<>();
        add(all, "binary_accuracy", BinaryAccuracy::new, BINARY_PRED, BINARY_TRUE);
        add(all, "precision", Precision::new, BINARY_PRED, BINARY_TRUE);
        add(all, "recall", Recall::new, BINARY_PRED, BINARY_TRUE);
        add(all, "precision thresholds", () -> new Precision(new double[] {0.3, 0.7}, null, null), BINARY_PRED,
                BINARY_TRUE);
        add(all, "precision top_k", () -> new Precision(null, 2, null), BINARY_PRED, BINARY_TRUE);
        add(all, "recall class_id", () -> new Recall(null, null, 1), BINARY_PRED, BINARY_TRUE);
        add(all, "auc", Auc::new, BINARY_PRED, BINARY_TRUE);
        add(all, "auc PR multi-label", () -> new Auc("pr", 50, "PR", true), BINARY_PRED, BINARY_TRUE);
        add(all, "f1 macro", () -> new F1Score("macro", 0.5), BINARY_PRED, BINARY_TRUE);
        add(all, "fbeta weighted", () -> new FBetaScore("weighted", 2.0, 0.5), BINARY_PRED, BINARY_TRUE);
        add(all, "f1 micro arg-max", () -> new F1Score("micro", null), CLASS_PRED, ONE_HOT);
        add(all, "categorical_accuracy", CategoricalAccuracy::new, CLASS_PRED, ONE_HOT);
        add(all, "top_k k=2", () -> new TopKCategoricalAccuracy("top2", 2), CLASS_PRED, ONE_HOT);
        add(all, "sparse_categorical_accuracy", SparseCategoricalAccuracy::new, CLASS_PRED, SPARSE);
        add(all, "sparse top_k k=2", () -> new SparseTopKCategoricalAccuracy("top2", 2), CLASS_PRED, SPARSE);
        add(all, "mae", MeanAbsoluteError::new, REG_PRED, REG_TRUE);
        add(all, "mse", MeanSquaredError::new, REG_PRED, REG_TRUE);
        add(all, "rmse", RootMeanSquaredError::new, REG_PRED, REG_TRUE);
        add(all, "mape", MeanAbsolutePercentageError::new, REG_PRED, REG_TRUE);
        add(all, "r2", R2Score::new, REG_PRED, REG_TRUE);
        add(all, "r2 variance weighted", () -> new R2Score("r2", "variance_weighted_average", 0), REG_PRED,
                REG_TRUE);
        return all.stream();
    }

    private static void add(List<Arguments> all, String label, Supplier<Metric> metric, double[][] p, double[][] y) {
        all.add(Arguments.of(label, metric, p, y));
    }

    /** The metric's values: one per threshold for precision and recall. */
    private static double[] values(Metric metric) {
        return metric instanceof ConfusionMetric confusion ? confusion.perThreshold() : new double[] {metric.result()};
    }

    /** Feeds rows in batches of 7, 1, 13, ... with their weights (null: none). */
    private static double[] weighted(Metric metric, double[][] p, double[][] y, double[] w) {
        int[] sizes = {7, 1, 13};
        int from = 0;
        for (int b = 0; from < p.length; b++) {
            int to = Math.min(p.length, from + sizes[b % sizes.length]);
            INDArray weights = null;
            if (w != null) {
                double[] part = java.util.Arrays.copyOfRange(w, from, to);
                weights = b % 2 == 0 ? Nd4j.createFromArray(part) : Nd4j.createFromArray(part).reshape(to - from, 1);
            }
            metric.update(Streams.floats(p, from, to), Streams.floats(y, from, to), weights);
            from = to;
        }
        return values(metric);
    }

    /** Every row repeated as many times as its (integer) weight. */
    private static double[][] repeated(double[][] a, double[] w) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < (int) w[i]; k++) {
                rows.add(a[i]);
            }
        }
        return rows.toArray(double[][]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void weightsOfOneChangeNothing(String label, Supplier<Metric> metric, double[][] p, double[][] y) {
        double[] ones = new double[p.length];
        java.util.Arrays.fill(ones, 1.0);
        Metric plain = metric.get();
        Streams.feed(plain, p, y);
        assertArrayEquals(values(plain), weighted(metric.get(), p, y, ones), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void anIntegerWeightCountsARowThatManyTimesAndZeroDropsIt(String label, Supplier<Metric> metric, double[][] p,
                                                              double[][] y) {
        Metric copies = metric.get();
        Streams.feed(copies, repeated(p, WEIGHTS), repeated(y, WEIGHTS));
        assertArrayEquals(values(copies), weighted(metric.get(), p, y, WEIGHTS), 1e-9);
    }

    @Test
    void weightedMeanIsSumOfWeightedValuesOverSumOfWeights() {
        double[] w = fractionalWeights();
        double total = 0;
        double count = 0;
        double hits = 0;
        double categoricalHits = 0;
        for (int i = 0; i < ROWS; i++) {
            double mae = 0;
            double rowHits = 0;
            for (int j = 0; j < 2; j++) {
                mae += Math.abs(REG_TRUE[i][j] - REG_PRED[i][j]) / 2;
            }
            for (int j = 0; j < 3; j++) {
                rowHits += (BINARY_PRED[i][j] > 0.5 ? 1 : 0) == BINARY_TRUE[i][j] ? 1 : 0;
            }
            total += w[i] * mae;
            hits += w[i] * rowHits / 3;
            categoricalHits += w[i] * (TopKCategoricalAccuracy.argMax(CLASS_PRED[i]) == SPARSE[i][0] ? 1 : 0);
            count += w[i];
        }
        assertEquals(total / count, weighted(new MeanAbsoluteError(), REG_PRED, REG_TRUE, w)[0], 1e-12);
        assertEquals(hits / count, weighted(new BinaryAccuracy(), BINARY_PRED, BINARY_TRUE, w)[0], 1e-12);
        assertEquals(categoricalHits / count, weighted(new CategoricalAccuracy(), CLASS_PRED, ONE_HOT, w)[0], 1e-12);
        assertEquals(categoricalHits / count, weighted(new SparseCategoricalAccuracy(), CLASS_PRED, SPARSE, w)[0],
                1e-12);
    }

    @Test
    void weightedPrecisionAndRecallCountWeightedPositives() {
        double[] w = fractionalWeights();
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 3; j++) {
                boolean predicted = BINARY_PRED[i][j] > 0.5;
                boolean positive = BINARY_TRUE[i][j] != 0;
                tp += predicted && positive ? w[i] : 0;
                fp += predicted && !positive ? w[i] : 0;
                fn += !predicted && positive ? w[i] : 0;
            }
        }
        assertEquals(tp / (tp + fp), weighted(new Precision(), BINARY_PRED, BINARY_TRUE, w)[0], 1e-12);
        assertEquals(tp / (tp + fn), weighted(new Recall(), BINARY_PRED, BINARY_TRUE, w)[0], 1e-12);
        double f1Precision = tp / (tp + fp + 1e-7);
        double f1Recall = tp / (tp + fn + 1e-7);
        assertEquals(2 * f1Precision * f1Recall / (f1Precision + f1Recall + 1e-7),
                weighted(new F1Score("micro", 0.5), BINARY_PRED, BINARY_TRUE, w)[0], 1e-12);
    }

    @Test
    void weightedR2FollowsKerasSumsAndCountsNonZeroRowsForTheAdjustedScore() {
        double[] w = WEIGHTS; // has zeros
        double scores = 0;
        int nonZero = 0;
        for (int j = 0; j < 2; j++) {
            double sw = 0;
            double swy = 0;
            for (int i = 0; i < ROWS; i++) {
                sw += w[i];
                swy += w[i] * REG_TRUE[i][j];
            }
            double mean = swy / sw;
            double residual = 0;
            double total = 0;
            for (int i = 0; i < ROWS; i++) {
                residual += w[i] * Math.pow(REG_TRUE[i][j] - REG_PRED[i][j], 2);
                total += w[i] * Math.pow(REG_TRUE[i][j] - mean, 2);
            }
            scores += 1 - residual / total;
        }
        for (double v : w) {
            nonZero += v != 0 ? 1 : 0;
        }
        double r2 = scores / 2;
        assertEquals(r2, weighted(new R2Score(), REG_PRED, REG_TRUE, w)[0], 1e-9);
        assertEquals(1 - (1 - r2) * (nonZero - 1) / (nonZero - 3 - 1),
                weighted(new R2Score("r2", "uniform_average", 3), REG_PRED, REG_TRUE, w)[0], 1e-9);
    }

    /** A Keras docstring example: {@code m.update_state(y_true, y_pred, sample_weight=w)}, then {@code m.result()}. */
    private static double keras(Metric m, double[][] yTrue, double[][] yPred, double... w) {
        m.update(Streams.floats(yPred), Streams.floats(yTrue), Nd4j.createFromArray(w));
        return m.result();
    }

    private static double[][] column(double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return rows;
    }

    @Test
    void weightedValuesFromKerasDocstrings() {
        // keras/src/metrics/accuracy_metrics.py
        assertEquals(0.5, keras(new BinaryAccuracy(), column(1, 1, 0, 0), column(0.98, 1, 0, 0.6), 1, 0, 0, 1));
        double[][] oneHot = {{0, 0, 1}, {0, 1, 0}};
        double[][] scores = {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}};
        assertEquals(0.3, keras(new CategoricalAccuracy(), oneHot, scores, 0.7, 0.3), 1e-7);
        assertEquals(0.3, keras(new SparseCategoricalAccuracy(), column(2, 1), new double[][] {{0.1, 0.6, 0.3},
                {0.05, 0.95, 0}}, 0.7, 0.3), 1e-7);
        assertEquals(0.3, keras(new TopKCategoricalAccuracy("top1", 1), oneHot, scores, 0.7, 0.3), 1e-7);
        assertEquals(0.3, keras(new SparseTopKCategoricalAccuracy("top1", 1), column(2, 1), scores, 0.7, 0.3), 1e-7);
        // keras/src/metrics/confusion_metrics.py
        assertEquals(1.0, keras(new Precision(), column(0, 1, 1, 1), column(1, 0, 1, 1), 0, 0, 1, 0));
        assertEquals(1.0, keras(new Recall(), column(0, 1, 1, 1), column(1, 0, 1, 1), 0, 0, 1, 0));
        assertEquals(1.0, keras(new Auc(3), column(0, 0, 1, 1), column(0, 0.5, 0.3, 0.9), 1, 0, 0, 1));
        // keras/src/metrics/regression_metrics.py
        double[][] yTrue = {{0, 1}, {0, 0}};
        double[][] yPred = {{1, 1}, {0, 0}};
        assertEquals(0.5, keras(new MeanAbsoluteError(), yTrue, yPred, 1, 0));
        assertEquals(500000000.0, keras(new MeanAbsolutePercentageError(), yTrue, yPred, 1, 0), 1e-6 * 5e8);
        assertEquals(0.70710677, keras(new RootMeanSquaredError(), yTrue, yPred, 1, 0), 1e-7);
    }

    @Test
    void aWrongNumberOfWeightsNamesTheMetricAndTheCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Precision().update(
                Streams.floats(BINARY_PRED), Streams.floats(BINARY_TRUE), Nd4j.ones(3)));
        assertEquals("precision expects one sample weight per row: 41 rows, 3 weights (shape [3]). Give sample "
                + "weights shaped [n] or [n, 1].", e.getMessage());
    }

    private static double[] fractionalWeights() {
        Random random = new Random(8);
        double[] w = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            w[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 2;
        }
        return w;
    }
}
