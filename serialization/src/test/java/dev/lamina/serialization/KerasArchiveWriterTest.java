package dev.lamina.serialization;

import static dev.lamina.serialization.KerasLayouts.entry;
import static dev.lamina.serialization.KerasLayouts.shape;
import static dev.lamina.serialization.KerasLayouts.structure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.optimizer.Adam;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KerasArchiveWriterTest {

    /** Real Keras 3 archives, read at test time (third-party files: never copied into this repository). */
    private static final Path FIXTURES = Path.of("../../shared/fixtures/keras-real");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Sequential trained(Sequential model, long inputs, long outputs) {
        return trained(model, inputs, outputs, "binary_crossentropy");
    }

    private static Sequential trained(Sequential model, long inputs, long outputs, String loss) {
        model.compile(new Adam(0.01), loss, "accuracy");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, inputs);
        INDArray y = x.getColumns(0).gt(0.5).castTo(DataType.FLOAT).repeat(1, outputs);
        model.fit(x, y, FitOptions.epochs(1).batchSize(16).verbose(0));
        return model;
    }





    @Test
    void savedArchiveHasKerasThreeLayout() throws Exception {
        Sequential model = trained(new Sequential(new Dense(4, "relu", 3), new Dropout(0.5), new Dense(1, "sigmoid")),
                3, 1);
        Path archive = dir.resolve("model.keras");
        model.save(archive);

        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"), names);
            zip.stream().forEach(e -> assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " is STORED"));
        }
        JsonNode metadata = JSON.readTree(entry(archive, "metadata.json"));
        assertEquals("3.10.0", metadata.get("keras_version").asText());
        assertTrue(Pattern.matches("\\d{4}-\\d{2}-\\d{2}@\\d{2}:\\d{2}:\\d{2}", metadata.get("date_saved").asText()),
                metadata.toString());

        JsonNode config = JSON.readTree(entry(archive, "config.json"));
        assertEquals("keras", config.get("module").asText());
        assertEquals("Sequential", config.get("class_name").asText());
        assertEquals("[null,3]", config.get("build_config").get("input_shape").toString());
        JsonNode layers = config.get("config").get("layers");
        assertEquals(List.of("InputLayer", "Dense", "Dropout", "Dense"),
                List.of(layers.get(0).get("class_name").asText(), layers.get(1).get("class_name").asText(),
                        layers.get(2).get("class_name").asText(), layers.get(3).get("class_name").asText()));
        assertEquals("[null,3]", layers.get(0).get("config").get("batch_shape").toString());
        assertEquals("DTypePolicy", layers.get(1).get("config").get("dtype").get("class_name").asText());
        assertEquals("keras.initializers", layers.get(1).get("config").get("kernel_initializer").get("module")
                .asText());
        assertEquals("[null,4]", layers.get(3).get("build_config").get("input_shape").toString());
        assertFalse(layers.get(2).has("build_config"), "Keras's Dropout has no build step");
        JsonNode optimizer = config.get("compile_config").get("optimizer");
        assertEquals("Adam", optimizer.get("class_name").asText());
        assertEquals(0.01, optimizer.get("config").get("learning_rate").asDouble());
        assertFalse(optimizer.get("config").get("amsgrad").asBoolean());
        assertEquals("binary_crossentropy", config.get("compile_config").get("loss").asText());
    }

    @Test
    void archiveMatchesTheStructureOfARealKerasArchive() throws Exception {
        // a-k3-churn-404error: Keras 3.10.0, 12 -> Dense 64 relu -> Dense 32 relu -> Dense 1 sigmoid, Adam, trained
        Path fixture = FIXTURES.resolve("a-k3-churn-404error/model.keras");
        assumeTrue(Files.exists(fixture), "the shared Keras fixtures are not here");
        Sequential model = trained(new Sequential(new Dense(64, "relu", 12), new Dense(32, "relu"),
                new Dense(1, "sigmoid")), 12, 1);
        Path archive = dir.resolve("churn.keras");
        model.save(archive);

        try (HdfFile keras = HdfFile.fromBytes(entry(fixture, "model.weights.h5"));
             HdfFile lamina = HdfFile.fromBytes(entry(archive, "model.weights.h5"))) {
            Map<String, String> expected = structure(keras);
            assertEquals("float [32, 1]", expected.get("/layers/dense_2/vars/0"));
            assertEquals("Long []", expected.get("/optimizer/vars/0"));
            assertEquals("float [1]", expected.get("/optimizer/vars/13"));
            assertEquals(expected, structure(lamina));
        }
        ObjectNode kerasConfig = (ObjectNode) JSON.readTree(entry(fixture, "config.json"));
        ObjectNode laminaConfig = (ObjectNode) JSON.readTree(entry(archive, "config.json"));
        for (ObjectNode config : List.of(kerasConfig, laminaConfig)) {
            ((ObjectNode) config.get("compile_config")).remove("loss"); // the fixture compiled with a loss object
        }
        assertEquals(shape(kerasConfig), shape(laminaConfig));
        try (ZipFile keras = new ZipFile(fixture.toFile()); ZipFile ours = new ZipFile(archive.toFile())) {
            assertEquals(keras.stream().map(e -> e.getName() + " " + e.getMethod()).toList(),
                    ours.stream().map(e -> e.getName() + " " + e.getMethod()).toList());
        }
    }

    @Test
    void weightlessLayersGetTheirGroupsAsInARealKerasArchive() throws Exception {
        // a-k3-realestate-ahmedrabei: Keras 3.8.0, 7 -> D128 relu, Dropout, D64 relu, Dropout, D32 relu, D1, Adam
        Path fixture = FIXTURES.resolve("a-k3-realestate-ahmedrabei/best_ann_mode.keras");
        assumeTrue(Files.exists(fixture), "the shared Keras fixtures are not here");
        Sequential model = trained(new Sequential(new Dense(128, "relu", 7), new Dropout(0.3), new Dense(64, "relu"),
                new Dropout(0.3), new Dense(32, "relu"), new Dense(1)), 7, 1, "mse");
        Path archive = dir.resolve("realestate.keras");
        model.save(archive);
        try (HdfFile keras = HdfFile.fromBytes(entry(fixture, "model.weights.h5"));
             HdfFile lamina = HdfFile.fromBytes(entry(archive, "model.weights.h5"))) {
            assertEquals(structure(keras), structure(lamina));
        }
        JsonNode kerasDropout = JSON.readTree(entry(fixture, "config.json")).get("config").get("layers").get(2);
        JsonNode laminaDropout = JSON.readTree(entry(archive, "config.json")).get("config").get("layers").get(2);
        assertEquals(shape(kerasDropout), shape(laminaDropout));
    }

    @Test
    void weightsFileHoldsEveryWeightBitForBitInKerasOrder() throws Exception {
        Sequential model = trained(new Sequential(new Dense(5, "tanh", 4), new Dropout(0.1), new Dense(3, "relu"),
                new Dense(2, "sigmoid").useBias(false)), 4, 2);
        Path weights = dir.resolve("model.weights.h5");
        model.saveWeights(weights);

        try (HdfFile file = new HdfFile(weights)) {
            String[] keys = {"dense", "dropout", "dense_1", "dense_2"};
            for (int i = 0; i < keys.length; i++) {
                Layer layer = model.layers().get(i);
                Group vars = (Group) file.getByPath("layers/" + keys[i] + "/vars");
                assertEquals(layer.name(), vars.getAttribute("name").getData());
                assertEquals(layer.weights().size(), vars.getChildren().size(), keys[i]);
                for (int w = 0; w < layer.weights().size(); w++) {
                    INDArray expected = layer.weights().get(w);
                    Dataset dataset = (Dataset) vars.getChild(Integer.toString(w));
                    assertArrayEquals(Arrays.stream(expected.shape()).mapToInt(d -> (int) d).toArray(),
                            dataset.getDimensions());
                    assertArrayEquals(expected.dup('c').data().asFloat(), (float[]) dataset.getDataFlat(),
                            keys[i] + "/" + w);
                }
            }
            assertEquals(model.name(), file.getByPath("vars").getAttribute("name").getData());
        }
    }

    @Test
    void optimizerVariablesFollowKerasOrder() throws Exception {
        Sequential model = trained(new Sequential(new Dense(3, "relu", 2), new Dense(1, "sigmoid")), 2, 1);
        Path weights = dir.resolve("adam.weights.h5");
        model.saveWeights(weights);
        Map<String, INDArray> state = model.optimizer().state();
        float[] m = state.get("m").dup('c').data().asFloat();
        float[] v = state.get("v").dup('c').data().asFloat();

        try (HdfFile file = new HdfFile(weights)) {
            Group vars = (Group) file.getByPath("optimizer/vars");
            assertEquals("adam", vars.getAttribute("name").getData());
            assertEquals(2 + 2 * 4, vars.getChildren().size()); // step, learning rate, (m, v) per weight
            assertEquals(model.optimizer().iterations(), file.getDatasetByPath("optimizer/vars/0").getData());
            assertEquals(0.01f, file.getDatasetByPath("optimizer/vars/1").getData());
            int offset = 0;
            int index = 2;
            for (Layer layer : model.layers()) {
                for (INDArray weight : layer.weights()) {
                    int n = (int) weight.length();
                    assertArrayEquals(Arrays.copyOfRange(m, offset, offset + n),
                            (float[]) file.getDatasetByPath("optimizer/vars/" + index++).getDataFlat());
                    assertArrayEquals(Arrays.copyOfRange(v, offset, offset + n),
                            (float[]) file.getDatasetByPath("optimizer/vars/" + index++).getDataFlat());
                    offset += n;
                }
            }
        }
    }

    @Test
    void compiledButUntrainedModelWritesStepCountAndLearningRateOnly() throws Exception {
        Sequential model = new Sequential(new Dense(2, "relu", 3));
        model.compile("rmsprop", "mse");
        Path weights = dir.resolve("fresh.weights.h5");
        model.saveWeights(weights);
        try (HdfFile file = new HdfFile(weights)) {
            // what Keras writes for an optimizer it has not built yet
            assertEquals(2, ((Group) file.getByPath("optimizer/vars")).getChildren().size());
            assertEquals(0L, file.getDatasetByPath("optimizer/vars/0").getData());
        }
    }

    @Test
    void notCompiledModelHasNoOptimizerGroup() throws Exception {
        Path weights = dir.resolve("plain.weights.h5");
        new Sequential(new Dense(2, "relu", 3)).saveWeights(weights);
        try (HdfFile file = new HdfFile(weights)) {
            assertEquals(java.util.Set.of("layers", "vars"), file.getChildren().keySet());
            Attribute name = file.getByPath("layers/dense/vars").getAttribute("name");
            assertEquals("dense", name.getData());
        }
    }

    @Test
    void saveWeightsInsistsOnKerasFileSuffix() {
        Sequential model = new Sequential(new Dense(2, "relu", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.saveWeights(dir.resolve("model.h5")));
        assertTrue(e.getMessage().contains("must end in .weights.h5"), e.getMessage());
        assertTrue(e.getMessage().contains("model.weights.h5"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model.h5")));
    }

    @Test
    void unbuiltModelIsRefusedWithTheFix() {
        Sequential model = new Sequential(new Dense(2, "relu"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.save(dir.resolve("model.keras")));
        assertTrue(e.getMessage().contains("model.build(inputWidth)"), e.getMessage());
    }

    @Test
    void failedSaveLeavesThePreviousArchiveUntouched() throws Exception {
        Path archive = dir.resolve("model.keras");
        new Sequential(new Dense(2, "relu", 3)).save(archive);
        byte[] before = Files.readAllBytes(archive);
        Sequential unsavable = new Sequential(new Dense(2, dev.lamina.core.activation.Activations.get("gelu",
                Map.of("approximate", 1.0)), 3));
        assertThrows(IllegalArgumentException.class, () -> unsavable.save(archive));
        assertArrayEquals(before, Files.readAllBytes(archive));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(archive), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void otherExtensionsStillWriteLaminaJson() throws Exception {
        Path file = dir.resolve("model.json");
        Sequential model = new Sequential(new Dense(2, "relu", 3));
        model.save(file);
        assertEquals("lamina-model", JSON.readTree(file.toFile()).get("format").asText());
        assertArrayEquals(model.getWeights().get(0).data().asFloat(),
                Sequential.load(file).getWeights().get(0).data().asFloat());
    }
}
