package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.constraint.MaxNorm;
import dev.lamina.core.constraint.MinMaxNorm;
import dev.lamina.core.constraint.NonNeg;
import dev.lamina.core.constraint.UnitNorm;
import dev.lamina.core.optimizer.Adam;
import dev.lamina.core.regularizer.L1;
import dev.lamina.core.regularizer.L1L2;
import dev.lamina.core.regularizer.L2;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.Sequential;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNormalization, Normalization, regularizers, constraints and frozen layers in Lamina's file and from Keras 3's
 * JSON ({@code keras/keras-3-layers.json}, written by Keras 3.15.1's {@code model.to_json()}, see its script).
 */
class LayersRoundTripTest {

    @TempDir
    Path dir;

    static Sequential trainedModel() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 3);
        INDArray y = x.getColumn(0).gt(0.5).castTo(DataType.FLOAT).reshape(40, 1);
        Sequential model = new Sequential("layers_model").seed(3);
        model.add(new Normalization().adapt(x));
        model.add(new Dense(4, "relu").kernelRegularizer(new L2(1e-4)).biasRegularizer(new L1(0.01))
                .activityRegularizer(new L1L2(0.01, 0.02)).kernelConstraint(new MaxNorm(3.0, 0))
                .biasConstraint(new NonNeg()));
        model.add(new BatchNormalization().momentum(0.9).epsilon(0.01).center(false).gammaRegularizer(new L2(0.01))
                .gammaConstraint(new UnitNorm(0)));
        model.add(new Dense(3, "relu").trainable(false).kernelConstraint(new MinMaxNorm(0.5, 1.5, 0.5, 1)));
        model.add(new Normalization(new double[] {0.5, -1, 0}, new double[] {4, 0.25, 0}).invert(true));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy");
        model.fit(x, y, FitOptions.epochs(2).batchSize(8).verbose(0));
        return model;
    }

    @Test
    void everyLayerSettingWeightAndTheOptimizerStateReloadBitExactly() throws Exception {
        Sequential model = trainedModel();
        Path file = dir.resolve("model.json");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.getWeights(), loaded.getWeights(), "moving statistics and adapted statistics included");
        assertEquals(model.countTrainableParams(), loaded.countTrainableParams());
        Dense hidden = (Dense) loaded.layers().get(1);
        assertEquals(new L2(1e-4), hidden.kernelRegularizer());
        assertEquals(new L1(0.01), hidden.biasRegularizer());
        assertEquals(new L1L2(0.01, 0.02), hidden.activityRegularizer());
        assertEquals(new MaxNorm(3.0, 0), hidden.kernelConstraint());
        assertEquals(new NonNeg(), hidden.biasConstraint());
        BatchNormalization bn = (BatchNormalization) loaded.layers().get(2);
        assertEquals(0.9, bn.momentum());
        assertEquals(0.01, bn.epsilon());
        assertFalse(bn.center());
        assertEquals(new L2(0.01), bn.gammaRegularizer());
        assertEquals(new UnitNorm(0), bn.gammaConstraint());
        assertFalse(loaded.layers().get(3).trainable(), "the frozen layer stays frozen");
        assertEquals(new MinMaxNorm(0.5, 1.5, 0.5, 1), ((Dense) loaded.layers().get(3)).kernelConstraint());
        Normalization fixed = (Normalization) loaded.layers().get(4);
        assertArrayEquals(new double[] {0.5, -1, 0}, fixed.configMean());
        assertTrue(fixed.invert());
        assertEquals(ModelJson.toJson(model), ModelJson.toJson(loaded));
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 3);
        assertEquals(model.predict(x), loaded.predict(x));
        INDArray y = x.getColumn(1).gt(0.5).castTo(DataType.FLOAT).reshape(20, 1);
        FitOptions options = FitOptions.epochs(1).batchSize(5).shuffle(false).verbose(0);
        model.fit(x, y, options);
        loaded.fit(x, y, options);
        assertEquals(model.getWeights(), loaded.getWeights(), "training resumes identically");
    }

    @Test
    void aModelFrozenAfterTrainingSavesWithoutTheStaleOptimizerSlotsAndLoads() throws Exception {
        Sequential model = trainedModel();
        model.layers().get(1).trainable(false);
        Path file = dir.resolve("frozen.json");
        model.save(file);
        assertFalse(ModelJson.toJson(model).contains("optimizer_state"), "slots of the old trainable weights");
        Sequential loaded = Sequential.load(file);
        assertFalse(loaded.layers().get(1).trainable());
        assertEquals(model.getWeights(), loaded.getWeights());
    }

    @Test
    void theFileWritesKerasConfigKeys() {
        String json = ModelJson.toJson(trainedModel()).replaceAll("\\s", "");
        assertTrue(json.contains("\"kernel_regularizer\":{\"class_name\":\"L2\",\"config\":{\"l2\":1.0E-4}}"), json);
        assertTrue(json.contains("\"kernel_constraint\":{\"class_name\":\"MaxNorm\",\"config\":{\"max_value\":3.0,"
                + "\"axis\":0}}"), json);
        assertTrue(json.contains("\"bias_constraint\":{\"class_name\":\"NonNeg\",\"config\":{}}"), json);
        assertTrue(json.contains("\"name\":\"batch_normalization/moving_mean\""), json);
        assertTrue(json.contains("\"name\":\"normalization/count\",\"shape\":[]"), json);
        assertTrue(json.contains("\"trainable\":false"), json);
        assertTrue(json.contains("\"synchronized\":false,\"renorm\":false,\"renorm_clipping\":null"), json);
    }

    @Test
    void kerasThreeJsonWithTheseLayersLoads() throws Exception {
        Sequential model = ModelJson.fromKerasJson(KerasImportTest.fixture("keras/keras-3-layers.json"), 1);
        assertEquals(List.of("norm", "hidden", "bn", "out"), model.layers().stream().map(l -> l.name()).toList());
        Normalization norm = (Normalization) model.layers().get(0);
        assertArrayEquals(new double[] {0.5, -1.0, 0.0}, norm.configMean());
        assertEquals(List.of(), norm.weights());
        Dense hidden = (Dense) model.layers().get(1);
        assertEquals(new L2(1e-4), hidden.kernelRegularizer());
        assertEquals(new L1((float) 0.01), hidden.biasRegularizer(), "\"l1\": Keras 3 writes its float32 default");
        assertEquals(new L1L2(0.01, 0.02), hidden.activityRegularizer());
        assertEquals(new MaxNorm(3.0, 0), hidden.kernelConstraint());
        assertEquals(new NonNeg(), hidden.biasConstraint());
        BatchNormalization bn = (BatchNormalization) model.layers().get(2);
        assertFalse(bn.trainable());
        assertFalse(bn.center());
        assertEquals(0.01, bn.epsilon());
        assertEquals(new L2(0.01), bn.gammaRegularizer());
        assertEquals(new UnitNorm(0), bn.gammaConstraint());
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"), bn.weightNames());
        assertNull(((Dense) model.layers().get(3)).kernelRegularizer());
        assertEquals(4 * 3 + 4 + 1 * 4 + 1, model.countTrainableParams());
    }

    @Test
    void kerasTwoBatchNormalizationKeysLoadWhenTheyHoldDefaultsAndOthersAreRefused() throws Exception {
        String keras2 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": "
                + "\"BatchNormalization\", \"config\": {\"name\": \"bn\", \"trainable\": true, \"dtype\": \"float32\", "
                + "\"batch_input_shape\": [null, 3], \"axis\": [1], \"momentum\": 0.99, \"epsilon\": 0.001, "
                + "\"center\": true, \"scale\": true, \"renorm\": false, \"renorm_clipping\": null, "
                + "\"renorm_momentum\": 0.99, \"fused\": null, \"virtual_batch_size\": null, \"adjustment\": null, "
                + "%s}}]}}";
        Sequential model = ModelJson.fromKerasJson(String.format(keras2, "\"beta_regularizer\": null"), 1);
        assertEquals(3, model.inputSize());
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                model.layers().get(0).weightNames());
        for (String[] bad : new String[][] {{"\"renorm\": false", "\"renorm\": true", "renorm"},
                {"\"virtual_batch_size\": null", "\"virtual_batch_size\": 4", "virtual_batch_size"},
                {"\"axis\": [1]", "\"axis\": [0]", "axis[0]"},
                {"\"adjustment\": null", "\"adjustment\": \"f\"", "adjustment"}}) {
            String json = String.format(keras2, "\"beta_regularizer\": null").replace(bad[0], bad[1]);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.fromKerasJson(json, 1),
                    bad[1]);
            assertEquals("config.layers[0].config." + bad[2], e.jsonPath());
        }
    }

    @Test
    void normalizationStatisticsMustComeInPairs() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": "
                + "\"Normalization\", \"config\": {\"name\": \"n\", \"axis\": [-1], \"mean\": [1, 2], "
                + "\"variance\": null, \"invert\": false}}]}}";
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.fromKerasJson(json, 1));
        assertTrue(e.getMessage().contains("mean and variance must both be null"), e.getMessage());
    }
}
