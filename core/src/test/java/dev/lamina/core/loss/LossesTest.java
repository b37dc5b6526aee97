package dev.lamina.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loss values against float64 formulas written from Keras's definitions. */
class LossesTest {

    @Test
    void binaryCrossentropyClipsProbabilitiesAtEpsilon() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.0}, {0.8}, {1.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {1}, {1}});
        INDArray loss = new BinaryCrossentropy().perSample(p, y);
        assertEquals(-Math.log(1e-7), loss.getDouble(0), 1e-9);
        assertEquals(-Math.log(0.8), loss.getDouble(1), 1e-12);
        assertEquals(-Math.log(1 - 1e-7), loss.getDouble(2), 1e-12);
    }

    @Test
    void binaryCrossentropyFromLogitsIsStableForHugeLogits() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1000}, {-1000}, {0.5}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0}, {0}, {1}});
        INDArray loss = new BinaryCrossentropy(true).perSample(z, y);
        assertEquals(1000.0, loss.getDouble(0), 1e-9);
        assertEquals(0.0, loss.getDouble(1), 1e-12);
        assertEquals(Math.log1p(Math.exp(-0.5)), loss.getDouble(2), 1e-12);
    }

    @Test
    void binaryCrossentropyOnePassFloat32StepMatchesTheSeparateOps() {
        java.util.Random random = new java.util.Random(4);
        float[][] z = new float[300][2];
        float[][] y = new float[300][2];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 2; j++) {
                z[i][j] = (float) (random.nextGaussian() * (i < 10 ? 60 : 3));
                y[i][j] = random.nextBoolean() ? 1 : 0;
            }
        }
        INDArray logits = Nd4j.createFromArray(z);
        INDArray labels = Nd4j.createFromArray(y);
        BinaryCrossentropy bce = new BinaryCrossentropy();
        Loss.LogitsStep step = bce.stepFromLogits(logits, labels);
        assertTrue(step.perSample().equalsWithEps(bce.perSampleFromLogits(logits, labels), 1e-5));
        assertTrue(step.gradient().equalsWithEps(bce.gradientFromLogits(logits, labels), 1e-6));
        assertEquals(300, step.perSample().length());
    }

    @Test
    void binaryCrossentropyAveragesOverTheLastAxis() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.9, 0.2}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}});
        double expected = (-Math.log(0.9) - Math.log(0.8)) / 2;
        assertEquals(expected, new BinaryCrossentropy().perSample(p, y).getDouble(0), 1e-12);
    }

    @Test
    void categoricalCrossentropyNormalisesPredictions() {
        INDArray p = Nd4j.createFromArray(new double[][] {{2, 1, 1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 0}});
        assertEquals(-Math.log(0.5), new CategoricalCrossentropy().perSample(p, y).getDouble(0), 1e-12);
    }

    @Test
    void categoricalCrossentropyFromLogitsMatchesLogSoftmax() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1000, 1001, 1002}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 0, 1}});
        double logSum = Math.log(Math.exp(-2) + Math.exp(-1) + 1);
        assertEquals(logSum, new CategoricalCrossentropy(true).perSample(z, y).getDouble(0), 1e-12);
    }

    @Test
    void sparseCategoricalEqualsCategoricalOnOneHot() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.3, 0.1}});
        INDArray sparse = Nd4j.createFromArray(new double[][] {{1}, {2}});
        INDArray oneHot = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {0, 0, 1}});
        assertEquals(new CategoricalCrossentropy().perSample(p, oneHot),
                new SparseCategoricalCrossentropy().perSample(p, sparse));
    }

    @Test
    void sparseLabelOutsideTheClassesIsAClearError() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().perSample(p, Nd4j.createFromArray(new double[][] {{2}})));
        assertTrue(e.getMessage().contains("not a class index in [0, 1]"), e.getMessage());
    }

    @Test
    void meanSquaredAndAbsoluteErrorAverageOverTheLastAxis() {
        INDArray p = Nd4j.createFromArray(new double[][] {{1, 2}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 4}});
        assertEquals(2.5, new MeanSquaredError().perSample(p, y).getDouble(0), 1e-12);
        assertEquals(1.5, new MeanAbsoluteError().perSample(p, y).getDouble(0), 1e-12);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 3}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 0}});
        double expected = (0.5 * 0.25 + 1.0 * (3 - 0.5)) / 2;
        assertEquals(expected, new Huber().perSample(p, y).getDouble(0), 1e-12);
    }

    @Test
    void lossesAreFoundByKerasNamesAndAliases() {
        assertEquals(new MeanSquaredError(), Losses.get("mse"));
        assertEquals(new MeanAbsoluteError(), Losses.get("mae"));
        assertEquals(new BinaryCrossentropy(true), Losses.get("binary_crossentropy",
                java.util.Map.of("from_logits", 1.0)));
        assertEquals(new KLDivergence(), Losses.get("kld"));
        assertEquals(new KLDivergence(), Losses.get("kullback_leibler_divergence"));
        assertEquals(new LogCosh(), Losses.get("logcosh"));
        assertEquals(new MeanAbsolutePercentageError(), Losses.get("mape"));
        assertEquals(new MeanSquaredLogarithmicError(), Losses.get("msle"));
        assertEquals(new BinaryCrossentropy(), Losses.get("bce"));
        assertEquals(new BinaryFocalCrossentropy(), Losses.get("binary_focal_crossentropy"));
        assertEquals(new CategoricalCrossentropy(false, 0.1), Losses.get("categorical_crossentropy",
                java.util.Map.of("label_smoothing", 0.1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinj"));
        assertTrue(e.getMessage().startsWith("Unknown loss 'hinj'. Known: binary_crossentropy (bce), "),
                e.getMessage());
    }

    @Test
    void aConfigKeyTheLossDoesNotTakeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.get("sparse_categorical_crossentropy", java.util.Map.of("label_smoothing", 0.1)));
        assertEquals("Loss 'sparse_categorical_crossentropy' does not take [label_smoothing]; it takes "
                + "[from_logits].", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.get("mse", java.util.Map.of("delta", 1.0)));
        assertEquals("Loss 'mse' does not take [delta]; it takes no parameters.", e.getMessage());
    }

    @Test
    void labelSmoothingIsSavedOnlyWhenSet() {
        assertEquals(java.util.Map.of("from_logits", 0.0), new BinaryCrossentropy().config());
        assertEquals(java.util.Map.of("from_logits", 1.0, "label_smoothing", 0.2),
                new CategoricalCrossentropy(true, 0.2).config());
    }
}
