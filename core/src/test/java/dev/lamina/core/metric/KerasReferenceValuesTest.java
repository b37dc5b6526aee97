package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Values printed by Keras 3.15.1 (JAX backend, float32) for the same inputs: {@code core/src/test/keras/
 * metric_references.py}. Keras computes in float32, hence the 1e-6 tolerance.
 */
class KerasReferenceValuesTest {

    private static final double[][] MULTI_TRUE = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 1}};
    private static final double[][] MULTI_PRED = {{0.5, 0.5, 0.3}, {0.1, 0.7, 0.2}, {0.3, 0.45, 0.4}, {0.6, 0.3, 0.1}};

    private static double value(Metric m, double[][] yTrue, double[][] yPred) {
        m.update(Streams.floats(yPred), Streams.floats(yTrue));
        return m.result();
    }

    @Test
    void auc() {
        double[][] multiPred = {{0, 0.1}, {0.5, 0.2}, {0.3, 0.3}, {0.9, 0.4}};
        double[][] good = {{0, 0}, {0, 0}, {1, 1}, {1, 1}};
        assertEquals(0.9436632394790649, value(new Auc("auc", 5, "PR", true), good, multiPred), 1e-6);
        assertEquals(0.9375, value(new Auc("auc", 5, "ROC", true), good, multiPred), 1e-6);
        double[][] yTrue = {{0}, {1}, {0}, {1}, {1}, {0}, {1}};
        double[][] yPred = {{0.1}, {0.35}, {0.4}, {0.8}, {0.62}, {0.7}, {0.05}};
        assertEquals(0.6714489459991455, value(new Auc("auc", 200, "PR", false), yTrue, yPred), 1e-6);
        assertEquals(0.5, value(new Auc(), yTrue, yPred), 1e-6);
        assertEquals(1.0, value(new Auc("auc", 200, "PR", true), new double[][] {{0, 1}, {1, 1}, {0, 0}, {1, 0}, {1, 1}},
                new double[][] {{0.2, 0.9}, {0.6, 0.55}, {0.3, 0.1}, {0.9, 0.45}, {0.4, 0.7}}), 1e-6);
    }

    @Test
    void regression() {
        double[][] yTrue = {{1, 2}, {4, 1}, {3, 7}, {2, 2}};
        double[][] yPred = {{2, 2.5}, {4, 1}, {4, 6}, {1, 3}};
        assertEquals(0.6488636136054993, value(new R2Score(), yTrue, yPred), 1e-6);
        assertEquals(0.8055555820465088, value(new R2Score("r2_score", "variance_weighted_average", 0), yTrue, yPred),
                1e-6);
        assertEquals(0.5666667222976685, value(new R2Score("r2_score", "uniform_average", 1),
                new double[][] {{1}, {4}, {3}, {2}, {5}}, new double[][] {{2}, {4}, {4}, {1}, {4.5}}), 1e-6);
        double[][] t = {{2, -4}, {0.5, 3}};
        double[][] p = {{1, -3}, {1, 3.3}};
        assertEquals(46.25, value(new MeanAbsolutePercentageError(), t, p), 1e-5);
        assertEquals(0.7648529410362244, value(new RootMeanSquaredError(), t, p), 1e-6);
    }

    @Test
    void topK() {
        assertEquals(1.0, value(new TopKCategoricalAccuracy("t", 1), new double[][] {{0, 1, 0}, {1, 0, 0}},
                new double[][] {{0.5, 0.5, 0}, {0.2, 0.2, 0.2}}));
        assertEquals(0.6666666865348816, value(new SparseTopKCategoricalAccuracy("t", 2), new double[][] {{2}, {1}, {0}},
                new double[][] {{0.1, 0.5, 0.4}, {0.3, 0.3, 0.3}, {0.1, 0.6, 0.3}}), 1e-6);
    }

    @Test
    void fScores() {
        F1Score f1 = new F1Score();
        f1.update(Streams.floats(new double[][] {{0.5, 0.5, 0}, {0.1, 0.7, 0.2}, {0.3, 0.3, 0.4}, {0.6, 0.3, 0.1}}),
                Streams.floats(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}}));
        assertArrayEquals(new double[] {0.666666567325592, 0.4999999403953552, 0.9999998211860657}, f1.perClass(), 1e-6);
        assertEquals(0.4999999403953552, value(new F1Score(), new double[][] {{0}, {1}, {1}},
                new double[][] {{0.1}, {0.9}, {0.0}}), 1e-6);
        assertEquals(0.4047618508338928, value(new FBetaScore("weighted", 0.5, 0.4), MULTI_TRUE, MULTI_PRED), 1e-6);
    }

    @Test
    void precisionAndRecall() {
        assertEquals(0.5, value(new Precision(null, 2, 1), MULTI_TRUE, MULTI_PRED), 1e-6);
        Recall recall = new Recall(new double[] {0.0, 0.35, 0.5, 1.0}, null, null);
        recall.update(Streams.floats(MULTI_PRED), Streams.floats(MULTI_TRUE));
        assertArrayEquals(new double[] {1.0, 0.5, 0.1666666716337204, 0.0}, recall.perThreshold(), 1e-6);
        // a tie at the top-k boundary goes to the lower index (JAX's and TensorFlow's top_k)
        assertEquals(0.0, value(new Precision(null, 1, null), new double[][] {{0, 1, 0}},
                new double[][] {{0.5, 0.5, 0.1}}));
    }
}
