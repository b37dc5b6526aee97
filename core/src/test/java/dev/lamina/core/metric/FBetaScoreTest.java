package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FBetaScoreTest {

    private static final double[][] DOC_TRUE = {{1, 1, 1}, {1, 0, 0}, {1, 1, 0}};
    private static final double[][] DOC_PRED = {{0.2, 0.6, 0.7}, {0.2, 0.6, 0.6}, {0.6, 0.8, 0.0}};

    @Test
    void perClassValuesFromKerasDocstrings() {
        FBetaScore f2 = new FBetaScore(null, 2.0, 0.5);
        f2.update(Streams.floats(DOC_PRED), Streams.floats(DOC_TRUE));
        assertArrayEquals(new double[] {0.3846154, 0.90909094, 0.8333334}, f2.perClass(), 1e-6);
        F1Score f1 = new F1Score(null, 0.5);
        f1.update(Streams.floats(DOC_PRED), Streams.floats(DOC_TRUE));
        assertArrayEquals(new double[] {0.5, 0.8, 0.6666667}, f1.perClass(), 1e-6);
    }

    // keras/src/metrics/f_score_metrics_test.py, test_fbeta_random_score (threshold 0.66)
    @ParameterizedTest
    @CsvSource({"micro, 0.5, 0.6666667", "micro, 2.0, 0.6666667", "macro, 0.5, 0.6825397", "macro, 1.0, 0.6555555",
            "macro, 2.0, 0.6548822", "weighted, 0.5, 0.6825397", "weighted, 1.0, 0.6555555",
            "weighted, 2.0, 0.6548822"})
    void averagesFromKerasTestsWithAThreshold(String average, double beta, double expected) {
        FBetaScore m = new FBetaScore(average, beta, 0.66);
        m.update(Streams.floats(new double[][] {{0.7, 0.7, 0.7}, {1, 0, 0}, {0.9, 0.8, 0}}),
                Streams.floats(new double[][] {{0, 0, 1}, {1, 1, 0}, {1, 1, 1}}));
        assertEquals(expected, m.result(), 1e-6);
    }

    // keras/src/metrics/f_score_metrics_test.py, test_fbeta_random_score_none (arg-max)
    @ParameterizedTest
    @CsvSource({"micro, 1.0, 0.833334", "macro, 0.5, 0.821549", "macro, 1.0, 0.822222", "macro, 2.0, 0.849206",
            "weighted, 0.5, 0.880471", "weighted, 1.0, 0.844445", "weighted, 2.0, 0.829365"})
    void averagesFromKerasTestsWithTheArgMax(String average, double beta, double expected) {
        FBetaScore m = new FBetaScore(average, beta, null);
        m.update(Streams.floats(new double[][] {{0.9, 0.1, 0}, {0.2, 0.6, 0.2}, {0, 0, 1}, {0.4, 0.3, 0.3},
                {0, 0.9, 0.1}, {0, 0, 1}}),
                Streams.floats(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}}));
        assertEquals(expected, m.result(), 1e-6);
    }

    @Test
    void streamedEqualsCountingEverythingAtOnce() {
        int classes = 4;
        double[][] p = Streams.asFloats(Streams.uniform(90, classes, 21));
        double[][] y = Streams.uniform(90, classes, 22);
        for (double[] row : y) {
            for (int j = 0; j < classes; j++) {
                row[j] = row[j] < 0.4 ? 1 : 0; // multi-label
            }
        }
        double[] tp = new double[classes];
        double[] fp = new double[classes];
        double[] fn = new double[classes];
        double[] support = new double[classes];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < classes; j++) {
                boolean predicted = p[i][j] > 0.5;
                boolean actual = y[i][j] == 1;
                tp[j] += predicted && actual ? 1 : 0;
                fp[j] += predicted && !actual ? 1 : 0;
                fn[j] += !predicted && actual ? 1 : 0;
                support[j] += actual ? 1 : 0;
            }
        }
        double beta = 0.7;
        double[] scores = new double[classes];
        double macro = 0;
        double weighted = 0;
        for (int j = 0; j < classes; j++) {
            double precision = tp[j] / (tp[j] + fp[j]);
            double recall = tp[j] / (tp[j] + fn[j]);
            scores[j] = (1 + beta * beta) * precision * recall / (beta * beta * precision + recall);
            macro += scores[j] / classes;
            weighted += scores[j] * support[j] / java.util.Arrays.stream(support).sum();
        }
        double sumTp = java.util.Arrays.stream(tp).sum();
        double precision = sumTp / (sumTp + java.util.Arrays.stream(fp).sum());
        double recall = sumTp / (sumTp + java.util.Arrays.stream(fn).sum());
        double micro = (1 + beta * beta) * precision * recall / (beta * beta * precision + recall);

        FBetaScore none = new FBetaScore(null, beta, 0.5);
        FBetaScore microMetric = new FBetaScore("micro", beta, 0.5);
        FBetaScore macroMetric = new FBetaScore("macro", beta, 0.5);
        FBetaScore weightedMetric = new FBetaScore("weighted", beta, 0.5);
        for (FBetaScore m : new FBetaScore[] {none, microMetric, macroMetric, weightedMetric}) {
            Streams.feed(m, p, y);
        }
        assertArrayEquals(scores, none.perClass(), 1e-6); // Keras's epsilons move the values by ~1e-7
        assertEquals(micro, microMetric.result(), 1e-6);
        assertEquals(macro, macroMetric.result(), 1e-6);
        assertEquals(weighted, weightedMetric.result(), 1e-6);
    }

    @Test
    void withoutAThresholdOneSigmoidUnitCountsEveryNonZeroOutputAsPositiveAsKerasDoes() {
        F1Score f1 = new F1Score();
        f1.update(Streams.floats(new double[][] {{0.1}, {0.9}, {0.0}}), Streams.floats(new double[][] {{0}, {1}, {1}}));
        // predicted 1, 1, 0: tp 1, fp 1, fn 1
        assertEquals(0.5, f1.result(), 1e-6);
    }

    @Test
    void severalClassesWithoutAnAverageHaveNoSingleResultAndByNameAreRefusedEarly() {
        F1Score f1 = new F1Score();
        f1.update(Streams.floats(DOC_PRED), Streams.floats(DOC_TRUE));
        assertThrows(IllegalStateException.class, f1::result);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("f1_score", 3, 3));
        assertEquals(true, e.getMessage().contains("new F1Score(\"macro\", null)"), e.getMessage());
        assertEquals("f1_score", Metrics.get("f1_score", 1, 1).name());
    }

    @Test
    void invalidArgumentsAreRejectedAsKerasRejectsThem() {
        assertThrows(IllegalArgumentException.class, () -> new FBetaScore("samples", 1.0, null));
        assertThrows(IllegalArgumentException.class, () -> new FBetaScore(null, 0.0, null));
        assertThrows(IllegalArgumentException.class, () -> new FBetaScore(null, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new F1Score(null, 1.5));
    }
}
