package dev.lamina.serialization;

import static dev.lamina.serialization.KerasLayouts.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.core.activation.Activations;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What Lamina writes in Keras's formats, Lamina reads back: every model of {@link KerasCheckModels} (every layer,
 * trained batch statistics, frozen layers, regularizers, constraints, parameterised and custom activations, float64)
 * saved as {@code .keras} loads and predicts bit for bit what the saved model predicted, and so does the
 * {@code config.json} of the archive with the {@code .weights.h5} file, the {@code to_json()} + {@code save_weights}
 * pair. The same models are checked with Python's Keras by {@code tools/keras-check/run}.
 */
class KerasRoundTripTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void writeTheCheckModels() throws IOException {
        KerasCheckModels.writeAll(out);
    }

    @AfterAll
    static void unregister() {
        Activations.unregister("ma_fonction");
    }

    @Test
    void everyKerasArchiveLaminaWroteLoadsWithTheSamePredictions() throws IOException {
        List<Path> archives = files(".keras");
        assertTrue(archives.size() >= 9, "expected the check models, found " + archives);
        for (Path archive : archives) {
            Sequential loaded = Sequential.load(archive);
            assertSamePredictions(archive, loaded);
        }
    }

    @Test
    void theArchiveConfigWithTheWeightsFileLoadsAsTheToJsonPair() throws IOException {
        for (Path archive : files(".keras")) {
            String name = archive.getFileName().toString().replace(".keras", "");
            Path config = out.resolve(name + ".config.json");
            Files.write(config, entry(archive, "config.json"));
            Sequential loaded = Sequential.load(config, out.resolve(name + ".weights.h5"));
            assertSamePredictions(archive, loaded);
        }
    }

    @Test
    void frozenLayersStayFrozenAfterTheRoundTrip() throws IOException {
        Sequential loaded = Sequential.load(out.resolve("h_frozen_regularized.keras"));
        List<Layer> layers = loaded.layers();
        assertEquals(List.of(true, false, false, true, true, true),
                layers.stream().map(Layer::trainable).toList());
    }

    private static void assertSamePredictions(Path archive, Sequential loaded) throws IOException {
        String name = archive.getFileName().toString().replace(".keras", "");
        JsonNode record = new ObjectMapper().readTree(out.resolve(name + ".json").toFile());
        assertEquals(name.contains("float64") ? DataType.DOUBLE : DataType.FLOAT, loaded.dataType(), name);
        INDArray x = Nd4j.create(matrix(record.get("x"))).castTo(loaded.dataType());
        double[][] expected = matrix(record.get("predictions")); // float32 values, or float64 for float64 models
        double[][] predicted = loaded.predict(x).castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < expected.length; i++) {
            if (loaded.dataType() == DataType.FLOAT) { // JSON holds the shortest decimal of each float32
                for (int j = 0; j < expected[i].length; j++) {
                    expected[i][j] = (float) expected[i][j];
                }
            }
            assertArrayEquals(expected[i], predicted[i], 0.0, name + ", row " + i);
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> list = Files.list(out)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }


    private static double[][] matrix(JsonNode rows) {
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new double[rows.get(i).size()];
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = rows.get(i).get(j).doubleValue();
            }
        }
        return values;
    }
}
