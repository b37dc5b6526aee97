package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The Keras 3.15.1 files of {@code keras-made/} load through every entry point and predict what Keras predicted. */
class KerasMadeFilesTest {

    static Path made(String name) {
        try {
            return Path.of(KerasMadeFilesTest.class.getResource("/keras-made/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("test resource keras-made/" + name + " is missing", e);
        }
    }

    static JsonNode outputs() {
        try {
            return new ObjectMapper().readTree(made("outputs.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void predictsLikeKeras(Sequential model, String which) {
        JsonNode outputs = outputs();
        JsonNode inputs = outputs.get("inputs");
        float[][] x = new float[inputs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[inputs.get(i).size()];
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = (float) inputs.get(i).get(j).doubleValue();
            }
        }
        double[][] actual = model.predict(Nd4j.create(x)).castTo(DataType.DOUBLE).toDoubleMatrix();
        JsonNode expected = outputs.get(which);
        assertEquals(expected.size(), actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected.get(i).size(), actual[i].length);
            for (int j = 0; j < actual[i].length; j++) {
                double y = expected.get(i).get(j).doubleValue();
                assertEquals(y, actual[i][j], 1e-5 * Math.max(1, Math.abs(y)), which + " [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void kerasThreeArchiveLoadsWithItsWeights() throws IOException {
        Sequential model = Sequential.load(made("sequential.keras"));
        assertEquals("made_sequential", model.name());
        assertEquals(List.of("dense", "dropout", "dense_1", "dense_2", "activation"),
                model.layers().stream().map(l -> l.name()).toList());
        assertEquals(List.of("kernel"), model.layers().get(2).weightNames(), "use_bias=False has no bias");
        predictsLikeKeras(model, "sequential");
    }

    @Test
    void legacyH5ModelWrittenByKerasThreeLoads() throws IOException {
        predictsLikeKeras(Sequential.load(made("sequential.h5")), "sequential");
    }

    @Test
    void toJsonWithKerasThreeWeightsFileLoads() throws IOException {
        predictsLikeKeras(Sequential.load(made("sequential.json"), made("sequential.weights.h5")), "sequential");
    }

    @Test
    void layerNamesSplitIntoChunksAreJoined() throws IOException {
        predictsLikeKeras(Sequential.load(made("sequential-chunked-names.h5")), "sequential");
    }

    @Test
    void tfKerasTwoThirteenWeightsLayoutLoads() throws IOException {
        predictsLikeKeras(Sequential.load(made("sequential.json"), made("sequential-tf213-layout.weights.h5")),
                "sequential");
    }

    @Test
    void functionalChainLoadsAsSequentialFromEveryFormat() throws IOException {
        predictsLikeKeras(Sequential.load(made("functional.keras")), "functional");
        predictsLikeKeras(Sequential.load(made("functional.h5")), "functional");
        predictsLikeKeras(Sequential.load(made("functional.json"), made("functional.weights.h5")), "functional");
        assertEquals(List.of("Dense", "Dropout", "Dense", "Activation"), Sequential.load(made("functional.keras"))
                .layers().stream().map(l -> l.className()).toList(), "the chain, without its InputLayer");
    }

    @Test
    void fullModelFilesAlsoServeAsTheWeightsOfAnArchitecture() throws IOException {
        predictsLikeKeras(Sequential.load(made("sequential.json"), made("sequential.h5")), "sequential");
        predictsLikeKeras(Sequential.load(made("sequential.json"), made("sequential.keras")), "sequential");
    }

    @Test
    void formatIsRecognisedFromContentNotExtension(@TempDir Path dir) throws IOException {
        Path renamed = dir.resolve("model.bin");
        Files.copy(made("sequential.keras"), renamed);
        predictsLikeKeras(Sequential.load(renamed), "sequential");
        Path h5 = dir.resolve("model.keras");
        Files.copy(made("sequential.h5"), h5);
        predictsLikeKeras(Sequential.load(h5), "sequential");
    }

    @Test
    void unzippedKerasArchiveDirectoryLoads(@TempDir Path dir) throws IOException {
        java.util.Map<String, byte[]> entries = KerasArchiveReader.entries(
                Files.readAllBytes(made("sequential.keras")), "sequential.keras");
        for (java.util.Map.Entry<String, byte[]> entry : entries.entrySet()) {
            Files.write(dir.resolve(entry.getKey()), entry.getValue());
        }
        predictsLikeKeras(Sequential.load(dir), "sequential");
    }

    @Test
    void hdf5BehindAUserBlockIsRecognised() throws IOException {
        assertEquals(0, Files.readAllBytes(made("sequential-userblock.h5"))[0], "the signature is not at offset 0");
        predictsLikeKeras(Sequential.load(made("sequential-userblock.h5")), "sequential");
    }

    @Test
    void laminaJsonStillLoadsThroughTheSameEntryPoint(@TempDir Path dir) throws IOException {
        Sequential model = Sequential.load(made("sequential.keras"));
        Path json = dir.resolve("model.json");
        model.save(json);
        predictsLikeKeras(Sequential.load(json), "sequential");
    }

    @Test
    void weightsOnlyFileGivenAloneIsRefusedWithTheCallThatReadsIt() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("sequential.weights.h5")));
        assertTrue(e.getMessage().contains("weights-only") && e.getMessage().contains("Sequential.load(Path.of("),
                e.getMessage());
    }

    @Test
    void tensorFlowJsModelLoadsThroughTheSameEntryPoint(@TempDir Path dir) throws Exception {
        Path modelJson = dir.resolve("model.json");
        Files.copy(Path.of(KerasMadeFilesTest.class.getResource("/tfjs/model.json").toURI()), modelJson);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(11 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 11; i++) {
            bytes.putFloat(0.1f * i - 0.5f);
        }
        Files.write(dir.resolve("weights.bin"), bytes.array());
        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, -1}});
        assertEquals(ModelJson.loadTfjs(modelJson).predict(x).getDouble(0, 0),
                Sequential.load(modelJson).predict(x).getDouble(0, 0), 0.0);
    }

    @Test
    void architectureJsonGivenAloneIsRefusedWithTheCallThatAddsItsWeights() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("sequential.json")));
        assertTrue(e.getMessage().contains("holds no weights") && e.getMessage().contains("model.weights.h5"),
                e.getMessage());
    }

    @Test
    void weightsOfAnotherModelAreRefusedNamingTheLayer() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Sequential.load(made("functional.json"), made("sequential.weights.h5")));
        assertTrue(e.getMessage().contains("sequential.weights.h5") && e.getMessage().contains("layer '"),
                e.getMessage());
    }
}
