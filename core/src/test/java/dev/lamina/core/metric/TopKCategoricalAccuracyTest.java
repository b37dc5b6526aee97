package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopKCategoricalAccuracyTest {

    @Test
    void valuesFromKerasDocstrings() {
        TopKCategoricalAccuracy dense = new TopKCategoricalAccuracy("top_k_categorical_accuracy", 1);
        dense.update(Streams.floats(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}),
                Streams.floats(new double[][] {{0, 0, 1}, {0, 1, 0}}));
        assertEquals(0.5, dense.result());
        SparseTopKCategoricalAccuracy sparse = new SparseTopKCategoricalAccuracy("sparse_top_k_categorical_accuracy", 1);
        sparse.update(Streams.floats(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}),
                Streams.floats(new double[][] {{2}, {1}}));
        assertEquals(0.5, sparse.result());
    }

    @Test
    void streamedEqualsSortingEachRowWithDefaultKFive() {
        int classes = 9;
        double[][] p = Streams.asFloats(Streams.uniform(97, classes, 7));
        double[][] labels = Streams.uniform(97, 1, 8);
        double[][] oneHot = new double[97][classes];
        double[][] sparse = new double[97][1];
        int hits = 0;
        for (int i = 0; i < p.length; i++) {
            int label = (int) (labels[i][0] * classes);
            oneHot[i][label] = 1;
            sparse[i][0] = label;
            double[] sorted = p[i].clone();
            java.util.Arrays.sort(sorted);
            hits += p[i][label] >= sorted[classes - 5] ? 1 : 0; // distinct values: in the 5 largest
        }
        Metric dense = new TopKCategoricalAccuracy();
        Metric sparseMetric = new SparseTopKCategoricalAccuracy();
        Streams.feed(dense, p, oneHot);
        Streams.feed(sparseMetric, p, sparse);
        assertEquals(hits / 97.0, dense.result(), 1e-15);
        assertEquals(hits / 97.0, sparseMetric.result(), 1e-15);
    }

    @Test
    void tiesAtTheBoundaryCountAsInTheTopKAsKerasInTopKRanksThem() {
        Metric m = new SparseTopKCategoricalAccuracy("top1", 1);
        m.update(Streams.floats(new double[][] {{0.5, 0.5, 0}}), Streams.floats(new double[][] {{1}}));
        assertEquals(1.0, m.result());
    }

    @Test
    void badLabelsAndKAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SparseTopKCategoricalAccuracy()
                .update(Streams.floats(new double[][] {{0.5, 0.5}}), Streams.floats(new double[][] {{2}})));
        assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy("t", 0));
    }
}
