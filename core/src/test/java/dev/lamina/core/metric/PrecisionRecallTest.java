package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    private static double[][] row(double... values) {
        return new double[][] {values}; // Keras's 1-D examples: one row, top_k over its last axis
    }

    private static double[] both(ConfusionMetric m, double[][] yPred, double[][] yTrue) {
        m.update(Streams.floats(yPred), Streams.floats(yTrue));
        return m.perThreshold();
    }

    @Test
    void valuesFromKerasDocstrings() {
        double[][] yTrue = row(0, 1, 1, 1);
        double[][] yPred = row(1, 0, 1, 1);
        assertEquals(0.6666667, both(new Precision(), yPred, yTrue)[0], 1e-7);
        assertEquals(0.6666667, both(new Recall(), yPred, yTrue)[0], 1e-7);
        assertEquals(0.0, both(new Precision(null, 2, null), row(1, 1, 1, 1), row(0, 0, 1, 1))[0]);
        assertEquals(0.5, both(new Precision(null, 4, null), row(1, 1, 1, 1), row(0, 0, 1, 1))[0]);
    }

    @Test
    void topKClassIdAndThresholdsFromKerasTests() {
        // keras/src/metrics/confusion_metrics_test.py
        assertEquals(1.0 / 3, both(new Precision(null, 3, null), row(0.2, 0.1, 0.5, 0, 0.2), row(0, 1, 1, 0, 0))[0],
                1e-12);
        assertEquals(0.5, both(new Recall(null, 3, null), row(0.2, 0.1, 0.5, 0, 0.2), row(0, 1, 1, 0, 0))[0]);
        assertEquals(1.0, both(new Precision(new double[] {0.7}, 2, null), row(0.2, 0.8, 0.6, 0, 0.2),
                row(0, 1, 1, 0, 1))[0]);
        assertEquals(0.25, both(new Recall(new double[] {0.7}, 2, null), row(0.2, 0.8, 0.6, 0, 0.2),
                row(1, 1, 1, 0, 1))[0]);
        double[][] pred = {{0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}, {0.2, 0.6, 0.2}, {0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}};
        double[][] label = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
        assertEquals(1.0, both(new Precision(null, null, 1), pred, label)[0]);
        assertEquals(1.0, both(new Recall(null, null, 1), pred, label)[0]);
        assertArrayEquals(new double[] {0.5, 0.0}, both(new Recall(new double[] {0.5, 0.7}, null, null),
                row(1, 0, 0.6, 0), row(0, 1, 1, 0)), 1e-12);
    }

    @Test
    void streamedEqualsCountingAllAtOnceForEveryOption() {
        int classes = 6;
        double[][] p = Streams.asFloats(Streams.uniform(80, classes, 31));
        double[][] y = Streams.uniform(80, classes, 32);
        for (double[] r : y) {
            for (int j = 0; j < classes; j++) {
                r[j] = r[j] < 0.3 ? 1 : 0;
            }
        }
        double[] thresholds = {0.0, 0.25, 0.5, 0.9, 1.0};
        Integer[][] options = {{null, null}, {2, null}, {null, 3}, {2, 3}};
        for (Integer[] option : options) {
            Integer topK = option[0];
            Integer classId = option[1];
            double[] tp = new double[thresholds.length];
            double[] fp = new double[thresholds.length];
            double[] fn = new double[thresholds.length];
            for (int i = 0; i < p.length; i++) {
                double[] sorted = p[i].clone();
                java.util.Arrays.sort(sorted);
                for (int j = 0; j < classes; j++) {
                    if (classId != null && j != classId) {
                        continue;
                    }
                    boolean inTop = topK == null || p[i][j] >= sorted[classes - topK]; // distinct values
                    for (int t = 0; t < thresholds.length; t++) {
                        boolean predicted = inTop && p[i][j] > thresholds[t];
                        tp[t] += predicted && y[i][j] == 1 ? 1 : 0;
                        fp[t] += predicted && y[i][j] == 0 ? 1 : 0;
                        fn[t] += !predicted && y[i][j] == 1 ? 1 : 0;
                    }
                }
            }
            double[] precision = new double[thresholds.length];
            double[] recall = new double[thresholds.length];
            for (int t = 0; t < thresholds.length; t++) {
                precision[t] = tp[t] + fp[t] == 0 ? 0 : tp[t] / (tp[t] + fp[t]);
                recall[t] = tp[t] + fn[t] == 0 ? 0 : tp[t] / (tp[t] + fn[t]);
            }
            Precision pm = new Precision(thresholds, topK, classId);
            Recall rm = new Recall(thresholds, topK, classId);
            Streams.feed(pm, p, y);
            Streams.feed(rm, p, y);
            String where = "top_k=" + topK + ", class_id=" + classId;
            assertArrayEquals(precision, pm.perThreshold(), 1e-12, where);
            assertArrayEquals(recall, rm.perThreshold(), 1e-12, where);
        }
    }

    @Test
    void severalThresholdsHaveNoSingleResultAndBadArgumentsAreRejected() {
        Precision p = new Precision(new double[] {0.3, 0.6}, null, null);
        assertThrows(IllegalStateException.class, p::result);
        assertThrows(IllegalArgumentException.class, () -> new Precision(new double[] {1.5}, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Recall(null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Recall(null, null, 3)
                .update(Streams.floats(row(0.1, 0.9)), Streams.floats(row(0, 1))));
    }
}
