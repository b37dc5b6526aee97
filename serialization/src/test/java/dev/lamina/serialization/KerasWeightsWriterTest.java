package dev.lamina.serialization;

import static dev.lamina.serialization.KerasLayouts.entry;
import static dev.lamina.serialization.KerasLayouts.shape;
import static dev.lamina.serialization.KerasLayouts.structure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.core.optimizer.Adam;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.ELU;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GaussianNoise;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.layers.Normalization;
import dev.lamina.layers.PReLU;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.Softmax;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The weights file of models with non-trainable weights, frozen layers and weightless layers, against real Keras. */
class KerasWeightsWriterTest {

    /** Real Keras 3 archives, read at test time (third-party files: never copied into this repository). */
    private static final Path FIXTURES = Path.of("../../shared/fixtures/keras-real");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static INDArray rows(long n, long columns) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, n, columns).subi(0.3).muli(5);
    }

    private static void train(Sequential model, INDArray x, long outputs, int epochs) {
        INDArray y = x.getColumns(0).gt(0.5).castTo(DataType.FLOAT).repeat(1, outputs);
        model.fit(x, y, FitOptions.epochs(epochs).batchSize(16).verbose(0));
    }





    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void batchNormalizationModelHasTheLayoutOfARealKerasArchive() throws Exception {
        // a-k3-aunp-bn-champion: Keras 3.9.2; 13 -> (Dense relu, BatchNormalization, Dropout) x 3 -> Dense 5, Adam
        Path fixture = FIXTURES.resolve("a-k3-aunp-bn-champion/best_dl_model_20250506_124755.keras");
        assumeTrue(Files.exists(fixture), "the shared Keras fixtures are not here");
        Sequential model = new Sequential(new Dense(256, "relu", 13), new BatchNormalization(), new Dropout(0.3),
                new Dense(128, "relu"), new BatchNormalization(), new Dropout(0.3), new Dense(64, "relu"),
                new BatchNormalization(), new Dropout(0.2), new Dense(5));
        model.compile(new Adam(0.001), "mean_squared_error");
        train(model, rows(32, 13), 5, 1);
        Path archive = dir.resolve("aunp.keras");
        model.save(archive);

        try (HdfFile keras = HdfFile.fromBytes(entry(fixture, "model.weights.h5"));
             HdfFile lamina = HdfFile.fromBytes(entry(archive, "model.weights.h5"))) {
            Map<String, String> expected = structure(keras);
            assertEquals("float [128]", expected.get("/layers/batch_normalization_1/vars/3"));
            assertEquals("float [64]", expected.get("/optimizer/vars/25")); // BN 3's beta velocity: gamma, beta only
            assertEquals(30, expected.entrySet().stream().filter(e -> e.getKey().startsWith("/optimizer/vars/")
                    && !e.getValue().startsWith("group")).count()); // 2 + 2 * (4 Dense + 3 BN) * 2 weights
            assertEquals(expected, structure(lamina));
        }
        JsonNode kerasLayers = JSON.readTree(entry(fixture, "config.json")).get("config").get("layers");
        JsonNode laminaLayers = JSON.readTree(entry(archive, "config.json")).get("config").get("layers");
        assertEquals("BatchNormalization", kerasLayers.get(2).get("class_name").asText());
        for (int i = 0; i < kerasLayers.size(); i++) {
            assertEquals(shape(kerasLayers.get(i)), shape(laminaLayers.get(i)), "layers[" + i + "]");
        }
        assertEquals(keys(kerasLayers.get(2).get("config")), keys(laminaLayers.get(2).get("config")));
    }

    @Test
    void batchNormalizationWeightsAreWrittenInKerasOrderOnlyWhenPresent() throws Exception {
        BatchNormalization full = new BatchNormalization().momentum(0.5);
        BatchNormalization bare = new BatchNormalization().center(false).scale(false);
        Sequential model = new Sequential(new Dense(3, "linear", 2), full, bare, new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy");
        train(model, rows(32, 2), 1, 2);
        Path weights = dir.resolve("bn.weights.h5");
        model.saveWeights(weights);

        try (HdfFile file = new HdfFile(weights)) {
            Group first = (Group) file.getByPath("layers/batch_normalization/vars");
            assertEquals(full.name(), first.getAttribute("name").getData());
            List<INDArray> expected = List.of(full.gamma(), full.beta(), full.movingMean(), full.movingVariance());
            assertEquals(4, first.getChildren().size());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(expected.get(i).dup('c').data().asFloat(),
                        (float[]) ((Dataset) first.getChild(Integer.toString(i))).getDataFlat(), "vars/" + i);
            }
            assertTrue(full.movingMean().sumNumber().doubleValue() != 0.0, "trained moving mean");
            Group second = (Group) file.getByPath("layers/batch_normalization_1/vars");
            assertEquals(2, second.getChildren().size()); // moving_mean, moving_variance only
            assertArrayEquals(bare.movingVariance().dup('c').data().asFloat(),
                    (float[]) ((Dataset) second.getChild("1")).getDataFlat());
            // optimizer: step, learning rate, then (m, v) for dense kernel, bias, gamma, beta, dense_1 kernel, bias
            assertEquals(2 + 2 * 6, ((Group) file.getByPath("optimizer/vars")).getChildren().size());
            assertArrayEquals(new int[] {3}, file.getDatasetByPath("optimizer/vars/6").getDimensions());
        }
    }

    @Test
    void adaptedNormalizationHasTheLayoutOfARealKerasArchive() throws Exception {
        // a-k3-mpg-normalization-vasanth: Keras 3.10.0; adapted Normalization of 9 -> Dense 64, 64 relu -> Dense 1
        Path fixture = FIXTURES.resolve("a-k3-mpg-normalization-vasanth/dnn_model.keras");
        assumeTrue(Files.exists(fixture), "the shared Keras fixtures are not here");
        INDArray x = rows(40, 9);
        Normalization normalization = new Normalization().adapt(x);
        Sequential model = new Sequential(normalization, new Dense(64, "relu"), new Dense(64, "relu"), new Dense(1));
        model.compile(new Adam(0.001), "mean_absolute_error");
        train(model, x, 1, 1);
        Path archive = dir.resolve("mpg.keras");
        model.save(archive);

        try (HdfFile keras = HdfFile.fromBytes(entry(fixture, "model.weights.h5"));
             HdfFile lamina = HdfFile.fromBytes(entry(archive, "model.weights.h5"))) {
            Map<String, String> expected = structure(keras);
            assertEquals("Long []", expected.get("/layers/normalization/vars/2")); // count: an int64 scalar
            assertEquals(expected, structure(lamina));
            assertEquals(0L, lamina.getDatasetByPath("layers/normalization/vars/2").getData());
            assertArrayEquals(x.mean(0).data().asFloat(),
                    (float[]) lamina.getDatasetByPath("layers/normalization/vars/0").getDataFlat(), 1e-5f);
        }
        JsonNode kerasNormalization = JSON.readTree(entry(fixture, "config.json")).get("config").get("layers").get(1);
        JsonNode laminaNormalization = JSON.readTree(entry(archive, "config.json")).get("config").get("layers").get(1);
        assertEquals(shape(kerasNormalization.get("config")), shape(laminaNormalization.get("config")));
        assertTrue(laminaNormalization.get("config").get("mean").isNull());
        assertEquals("[null,9]", laminaNormalization.get("build_config").get("input_shape").toString());
    }

    @Test
    void normalizationWithConfigStatisticsHasAnEmptyVarsGroup() throws Exception {
        Sequential model = new Sequential(new Normalization(new double[] {1, 2}, new double[] {4, 9}),
                new Dense(1, "sigmoid"));
        Path archive = dir.resolve("fixed.keras");
        model.save(archive);

        try (HdfFile file = HdfFile.fromBytes(entry(archive, "model.weights.h5"))) {
            Group vars = (Group) file.getByPath("layers/normalization/vars");
            assertEquals(0, vars.getChildren().size());
            assertEquals(model.layers().get(0).name(), vars.getAttribute("name").getData());
        }
        JsonNode config = JSON.readTree(entry(archive, "config.json"));
        JsonNode normalization = config.get("config").get("layers").get(1).get("config");
        assertEquals("[1.0,2.0]", normalization.get("mean").toString());
        assertEquals("[4.0,9.0]", normalization.get("variance").toString());
        assertEquals("{}", config.get("compile_config").toString()); // Keras's for a model not compiled
    }

    @Test
    void frozenLayersHaveNoOptimizerVariablesAndTheOthersKeepTheirSlots() throws Exception {
        Dense frozen = new Dense(4, "relu", 3);
        BatchNormalization frozenNormalization = new BatchNormalization();
        Dense head = new Dense(2, "sigmoid");
        Sequential model = new Sequential(frozen, frozenNormalization, head);
        model.compile(new Adam(0.01), "binary_crossentropy");
        INDArray x = rows(32, 3);
        train(model, x, 2, 1);
        frozen.trainable(false);
        frozenNormalization.trainable(false);
        train(model, x, 2, 1); // new slots, for the head only
        Path weights = dir.resolve("frozen.weights.h5");
        model.saveWeights(weights);
        float[] m = model.optimizer().state().get("m").dup('c').data().asFloat();
        float[] v = model.optimizer().state().get("v").dup('c').data().asFloat();
        assertEquals(4 * 2 + 2, m.length);

        try (HdfFile file = new HdfFile(weights)) {
            assertEquals(2 + 2 * 2, ((Group) file.getByPath("optimizer/vars")).getChildren().size());
            assertArrayEquals(Arrays.copyOfRange(m, 0, 8),
                    (float[]) file.getDatasetByPath("optimizer/vars/2").getDataFlat());
            assertArrayEquals(new int[] {4, 2}, file.getDatasetByPath("optimizer/vars/3").getDimensions());
            assertArrayEquals(Arrays.copyOfRange(v, 0, 8),
                    (float[]) file.getDatasetByPath("optimizer/vars/3").getDataFlat());
            assertArrayEquals(Arrays.copyOfRange(v, 8, 10),
                    (float[]) file.getDatasetByPath("optimizer/vars/5").getDataFlat());
            assertEquals(4, ((Group) file.getByPath("layers/batch_normalization/vars")).getChildren().size());
        }
    }

    @Test
    void slotsLeftFromBeforeALayerWasFrozenAreNotWritten() throws Exception {
        Dense first = new Dense(4, "relu", 3);
        Sequential model = new Sequential(first, new Dense(1, "sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy");
        train(model, rows(32, 3), 1, 1);
        first.trainable(false); // the slots still cover both layers until the next fit
        Path weights = dir.resolve("stale.weights.h5");
        model.saveWeights(weights);
        try (HdfFile file = new HdfFile(weights)) {
            assertEquals(0, ((Group) file.getByPath("optimizer/vars")).getChildren().size());
        }
        JsonNode config = Keras3Config.of(model).get("config").get("layers").get(1).get("config");
        assertEquals(false, config.get("trainable").asBoolean());
    }

    @Test
    void weightlessAndPReluLayersGetKerasGroupNames() throws Exception {
        Sequential model = new Sequential(new Dense(4, "linear", 3), new LeakyReLU(0.1), new PReLU(),
                new GaussianNoise(0.2), new ELU(), new Dense(3), new Flatten(), new Softmax(), new LeakyReLU());
        Path weights = dir.resolve("elementwise.weights.h5");
        model.saveWeights(weights);
        List<String> expected = List.of("dense", "leaky_re_lu", "p_re_lu", "gaussian_noise", "elu", "dense_1",
                "flatten", "softmax", "leaky_re_lu_1");
        try (HdfFile file = new HdfFile(weights)) {
            Group layers = (Group) file.getByPath("layers");
            assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(layers.getChildren().keySet()));
            for (int i = 0; i < expected.size(); i++) {
                Layer layer = model.layers().get(i);
                Group vars = (Group) file.getByPath("layers/" + expected.get(i) + "/vars");
                assertEquals(layer.name(), vars.getAttribute("name").getData());
                assertEquals(layer.weights().size(), vars.getChildren().size(), expected.get(i));
            }
            assertArrayEquals(new int[] {4}, file.getDatasetByPath("layers/p_re_lu/vars/0").getDimensions());
        }
    }
}
