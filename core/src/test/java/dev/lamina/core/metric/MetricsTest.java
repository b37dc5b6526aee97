package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    @Test
    void accuracyResolvesAsKerasDoes() {
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("accuracy", 1, 1));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", 3, 1));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("accuracy", 3, 3));
        assertEquals("accuracy", Metrics.get("accuracy", 3, 3).name());
    }

    @Test
    void everyNameResolvesAndReportsUnderTheNameItWasGiven() {
        for (String name : Metrics.NAMES) {
            Metrics.check(name);
            assertEquals(name, Metrics.get(name, name.contains("score") ? 1 : 3, 3).name(), name);
        }
        assertInstanceOf(MeanAbsoluteError.class, Metrics.get("mae", 1, 1));
        assertInstanceOf(MeanSquaredError.class, Metrics.get("mse", 1, 1));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("rmse", 1, 1));
        assertInstanceOf(MeanAbsolutePercentageError.class, Metrics.get("mape", 1, 1));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class, Metrics.get("sparse_top_k_categorical_accuracy", 9, 1));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.check("f2"));
        assertTrue(e.getMessage().contains("r2_score"), e.getMessage());
    }

    @Test
    void binaryAccuracyThresholdsAtOneHalfAndAccumulates() {
        Metric m = new BinaryAccuracy();
        m.update(Nd4j.createFromArray(new float[][] {{0.7f}, {0.4f}}), Nd4j.createFromArray(new float[][] {{1}, {1}}));
        m.update(Nd4j.createFromArray(new float[][] {{0.5f}, {0.1f}}), Nd4j.createFromArray(new float[][] {{0}, {0}}));
        assertEquals(0.75, m.result());
        m.reset();
        assertEquals(Double.NaN, m.result());
    }

    @Test
    void categoricalAccuracyComparesArgMax() {
        Metric m = new CategoricalAccuracy();
        m.update(Nd4j.createFromArray(new float[][] {{0.1f, 0.9f}, {0.8f, 0.2f}}),
                Nd4j.createFromArray(new float[][] {{0, 1}, {0, 1}}));
        assertEquals(0.5, m.result());
    }

    @Test
    void precisionAndRecallCountAtOneHalf() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.9f}, {0.8f}, {0.2f}, {0.6f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {1}});
        Metric precision = new Precision();
        Metric recall = new Recall();
        precision.update(p, y);
        recall.update(p, y);
        assertEquals(2.0 / 3, precision.result(), 1e-12);
        assertEquals(2.0 / 3, recall.result(), 1e-12);
    }

    @Test
    void aucOfAPerfectRankingIsOneAndOfAReversedRankingIsZero() {
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {0}, {1}, {1}});
        Auc perfect = new Auc();
        perfect.update(Nd4j.createFromArray(new float[][] {{0.1f}, {0.3f}, {0.6f}, {0.9f}}), y);
        assertEquals(1.0, perfect.result(), 1e-9);
        Auc reversed = new Auc();
        reversed.update(Nd4j.createFromArray(new float[][] {{0.9f}, {0.6f}, {0.3f}, {0.1f}}), y);
        assertEquals(0.0, reversed.result(), 1e-9);
    }

    @Test
    void aucMatchesTheExactAreaForWellSeparatedThresholds() {
        // positives at 0.8, 0.4; negatives at 0.6, 0.2: exact ROC AUC = 3/4
        Auc auc = new Auc();
        auc.update(Nd4j.createFromArray(new float[][] {{0.8f}, {0.4f}, {0.6f}, {0.2f}}),
                Nd4j.createFromArray(new float[][] {{1}, {1}, {0}, {0}}));
        assertEquals(0.75, auc.result(), 1e-9);
    }
}
