package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AucTest {

    private static double[][] column(double... values) {
        double[][] c = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            c[i][0] = values[i];
        }
        return c;
    }

    private static double auc(Auc m, double[][] yPred, double[][] yTrue) {
        m.update(Streams.floats(yPred), Streams.floats(yTrue));
        return m.result();
    }

    @Test
    void valuesFromKerasDocstringAndTests() {
        // keras/src/metrics/confusion_metrics.py docstring and AUCTest (num_thresholds=3)
        assertEquals(0.75, auc(new Auc(3), column(0, 0.5, 0.3, 0.9), column(0, 0, 1, 1)), 1e-12);
        // AUCTest.test_weighted_pr_interpolation, sample weights 1, 2, 3, 4 as repeated rows:
        // tp = [7, 4, 0], fp = [3, 0, 0]; auc = (0.5 (3 + 2 log 2.5) + 4) / 7
        double[][] pred = column(0, 0.5, 0.5, 0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0.9);
        double[][] label = column(0, 0, 0, 1, 1, 1, 1, 1, 1, 1);
        assertEquals((0.5 * (3 + 2 * Math.log(2.5)) + 4) / 7, auc(new Auc("auc", 3, "PR", false), pred, label),
                1e-12);
        // MultiAUCTest.test_unweighted (num_thresholds=5, multi_label): ROC areas 0.875 and 1
        double[][] multiPred = {{0, 0.1}, {0.5, 0.2}, {0.3, 0.3}, {0.9, 0.4}};
        double[][] good = {{0, 0}, {0, 0}, {1, 1}, {1, 1}};
        assertEquals((0.875 + 1.0) / 2, auc(new Auc("auc", 5, "ROC", true), multiPred, good), 1e-12);
        // MultiAUCTest.test_pr_interpolation_unweighted: PR areas "0.917 and 1.0" (Keras checks to 1e-1)
        assertEquals((0.91667 + 1.0) / 2, auc(new Auc("auc", 5, "PR", true), multiPred, good), 1e-1);
    }

    @Test
    void streamedEqualsCountsTakenOverAllDataForRocAndPrFlatAndMultiLabel() {
        int columns = 3;
        double[][] p = Streams.asFloats(Streams.uniform(120, columns, 41));
        double[][] y = Streams.uniform(120, columns, 42);
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < columns; j++) {
                y[i][j] = y[i][j] < 0.3 + 0.4 * p[i][j] ? 1 : 0; // informative but noisy labels
            }
        }
        int n = 50;
        for (String curve : new String[] {"ROC", "PR"}) {
            for (boolean multiLabel : new boolean[] {false, true}) {
                Auc metric = new Auc("auc", n, curve, multiLabel);
                Streams.feed(metric, p, y);
                double expected = 0;
                int labels = multiLabel ? columns : 1;
                for (int label = 0; label < labels; label++) {
                    expected += reference(p, y, multiLabel ? label : -1, n, curve) / labels;
                }
                assertEquals(expected, metric.result(), 1e-12, curve + ", multi_label=" + multiLabel);
            }
        }
    }

    /** Brute-force counts at each threshold (every point compared with every threshold), then Keras's formulas. */
    private static double reference(double[][] p, double[][] y, int column, int n, String curve) {
        double[] thresholds = new double[n];
        for (int t = 0; t < n; t++) {
            thresholds[t] = t == 0 ? -1e-7 : t == n - 1 ? 1 + 1e-7 : (double) t / (n - 1);
        }
        double[] tp = new double[n];
        double[] fp = new double[n];
        double pos = 0;
        double neg = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                if (column >= 0 && j != column) {
                    continue;
                }
                pos += y[i][j];
                neg += 1 - y[i][j];
                for (int t = 0; t < n; t++) {
                    if (p[i][j] > thresholds[t]) {
                        tp[t] += y[i][j];
                        fp[t] += 1 - y[i][j];
                    }
                }
            }
        }
        double area = 0;
        for (int t = 0; t < n - 1; t++) {
            if (curve.equals("ROC")) {
                area += (fp[t] - fp[t + 1]) / neg * (tp[t] + tp[t + 1]) / pos / 2;
            } else {
                double pa = tp[t] + fp[t];
                double pb = tp[t + 1] + fp[t + 1];
                double dtp = tp[t] - tp[t + 1];
                if (pa - pb <= 0) {
                    continue; // slope 0
                }
                double slope = dtp / (pa - pb);
                double intercept = tp[t + 1] - slope * pb;
                double ratio = pb > 0 ? pa / pb : 1;
                area += slope * (dtp + intercept * Math.log(ratio)) / pos;
            }
        }
        return area;
    }

    @Test
    void prAreaOfAPerfectRankingIsOne() {
        assertEquals(1.0, auc(new Auc("auc", 200, "PR", false), column(0.1, 0.2, 0.8, 0.9), column(0, 0, 1, 1)),
                1e-12);
    }

    @Test
    void badArgumentsAndChangingWidthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Auc("auc", 200, "PRGAIN", false));
        assertThrows(IllegalArgumentException.class, () -> new Auc(1));
        Auc multi = new Auc("auc", 10, "ROC", true);
        multi.update(Streams.floats(new double[][] {{0.1, 0.2}}), Streams.floats(new double[][] {{0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> multi.update(Streams.floats(new double[][] {{0.1}}),
                Streams.floats(new double[][] {{0}})));
    }
}
