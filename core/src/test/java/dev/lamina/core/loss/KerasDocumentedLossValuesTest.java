package dev.lamina.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples printed in Keras 3's docstrings (keras/src/losses/losses.py), reproduced to the digits shown there.
 * Keras reports the batch mean ("sum_over_batch_size") or, with reduction=None, the per-sample values.
 */
class KerasDocumentedLossValuesTest {

    static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows);
    }

    static double batchMean(Loss loss, INDArray yPred, INDArray yTrue) {
        return loss.perSample(yPred, yTrue).meanNumber().doubleValue();
    }

    @Test
    void meanAbsolutePercentageErrorExample() {
        assertEquals(6.111111, batchMean(new MeanAbsolutePercentageError(), rows(new double[] {90, 210, 310}),
                rows(new double[] {100, 200, 300})), 1e-6);
    }

    @Test
    void logCoshExample() {
        assertEquals(0.108, batchMean(new LogCosh(), rows(new double[] {1, 1}, new double[] {0, 0}),
                rows(new double[] {0, 1}, new double[] {0, 0})), 5e-4);
    }

    @Test
    void cosineSimilarityExampleIsTheNegativeSimilarity() {
        INDArray yTrue = rows(new double[] {0, 1}, new double[] {1, 1}, new double[] {1, 1});
        INDArray yPred = rows(new double[] {1, 0}, new double[] {1, 1}, new double[] {-1, -1});
        assertArrayEquals(new double[] {0, -1, 1}, new CosineSimilarity().perSample(yPred, yTrue).toDoubleVector(),
                1e-7);
    }

    @Test
    void binaryCrossentropyAndBinaryFocalFunctionExamples() {
        INDArray yTrue = rows(new double[] {0, 1}, new double[] {0, 0});
        INDArray yPred = rows(new double[] {0.6, 0.4}, new double[] {0.4, 0.6});
        assertArrayEquals(new double[] {0.916, 0.714},
                new BinaryCrossentropy().perSample(yPred, yTrue).toDoubleVector(), 5e-4);
        assertArrayEquals(new double[] {0.330, 0.206},
                new BinaryFocalCrossentropy().perSample(yPred, yTrue).toDoubleVector(), 5e-4);
    }

    @Test
    void binaryFocalCrossentropyClassExamplesFromLogits() {
        INDArray yTrue = rows(new double[] {0, 1, 0, 0});
        INDArray yPred = rows(new double[] {-18.6, 0.51, 2.94, -12.8});
        assertEquals(0.691, batchMean(new BinaryFocalCrossentropy(false, 0.25, 2, true, 0), yPred, yTrue), 5e-4);
        assertEquals(0.51, batchMean(new BinaryFocalCrossentropy(true, 0.25, 2, true, 0), yPred, yTrue), 5e-3);
        INDArray yTrue2 = rows(new double[] {0, 1}, new double[] {0, 0});
        INDArray yPred2 = rows(new double[] {-18.6, 0.51}, new double[] {2.94, -12.8});
        assertEquals(0.647, batchMean(new BinaryFocalCrossentropy(false, 0.25, 3, true, 0), yPred2, yTrue2), 5e-4);
        assertEquals(0.482, batchMean(new BinaryFocalCrossentropy(true, 0.25, 3, true, 0), yPred2, yTrue2), 5e-4);
        assertArrayEquals(new double[] {0.0017, 1.1561},
                new BinaryFocalCrossentropy(false, 0.25, 5, true, 0).perSample(yPred2, yTrue2).toDoubleVector(),
                1e-4);
        assertArrayEquals(new double[] {0.0004, 0.8670},
                new BinaryFocalCrossentropy(true, 0.25, 5, true, 0).perSample(yPred2, yTrue2).toDoubleVector(),
                1e-4);
    }

    @Test
    void categoricalFocalCrossentropyExamples() {
        INDArray yTrue = rows(new double[] {0, 1, 0}, new double[] {0, 0, 1});
        assertArrayEquals(new double[] {2.63401289e-04, 6.75912094e-01}, new CategoricalFocalCrossentropy()
                .perSample(rows(new double[] {0.05, 0.9, 0.05}, new double[] {0.1, 0.85, 0.05}), yTrue)
                .toDoubleVector(), 1e-7);
        INDArray yPred = rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1});
        assertArrayEquals(new double[] {3.2058331e-05, 4.6627346e-01},
                new CategoricalFocalCrossentropy().perSample(yPred, yTrue).toDoubleVector(), 1e-7);
        assertEquals(0.23315276, batchMean(new CategoricalFocalCrossentropy(), yPred, yTrue), 1e-7);
    }

    @Test
    void categoricalCrossentropyExample() {
        INDArray yTrue = rows(new double[] {0, 1, 0}, new double[] {0, 0, 1});
        INDArray yPred = rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1});
        assertArrayEquals(new double[] {0.0513, 2.303},
                new CategoricalCrossentropy().perSample(yPred, yTrue).toDoubleVector(), 5e-4);
    }
}
