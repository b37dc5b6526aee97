package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.loss.BinaryFocalCrossentropy;
import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.CategoricalFocalCrossentropy;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every loss, with its parameters, is saved with the model and comes back equal, scoring the same. */
class LossRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Loss> losses() {
        return Stream.of(new BinaryCrossentropy(), new BinaryCrossentropy(true, 0.1), new CategoricalCrossentropy(),
                new CategoricalCrossentropy(false, 0.2), Losses.get("sparse_categorical_crossentropy"),
                new BinaryFocalCrossentropy(), new BinaryFocalCrossentropy(true, 0.4, 1.5, true, 0.05),
                new CategoricalFocalCrossentropy(), new CategoricalFocalCrossentropy(0.5, 3.0, true, 0.1),
                Losses.get("mse"), Losses.get("mae"), Losses.get("mape"), Losses.get("msle"),
                Losses.get("huber", java.util.Map.of("delta", 2.0)), Losses.get("log_cosh"), Losses.get("hinge"),
                Losses.get("squared_hinge"), Losses.get("categorical_hinge"), Losses.get("kld"),
                Losses.get("poisson"), Losses.get("cosine_similarity"),
                new BinaryCrossentropy().withReduction(Reduction.SUM),
                Losses.get("mse").withReduction(Reduction.MEAN_WITH_SAMPLE_WEIGHT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyLossRoundTripsWithTheModel(Loss loss) throws Exception {
        boolean sparse = loss.labelWidth(3) == 1;
        Sequential model = new Sequential().seed(2);
        model.add(new Dense(4, "relu", 3));
        model.add(new Dense(3, loss.name().contains("categorical") || loss.name().startsWith("kl") ? "softmax"
                : loss.name().equals("poisson") || loss.name().contains("logarithmic") ? "softplus" : "sigmoid"));
        model.compile("sgd", loss);
        Path file = dir.resolve("model.json");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(loss, loaded.loss());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray y = sparse ? Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {0}, {1}, {2}})
                : Nd4j.rand(DataType.FLOAT, 6, 3).gt(0.5).castTo(DataType.FLOAT);
        assertArrayEquals(new double[] {model.evaluate(x, y).get("loss")},
                new double[] {loaded.evaluate(x, y).get("loss")});
    }

    @Test
    void aReductionIsWrittenAsKerasWritesItAndAnUnknownOneIsRejected() throws Exception {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(2, "softmax", 3));
        model.compile("adam", Losses.get("categorical_crossentropy").withReduction(Reduction.SUM));
        String json = ModelJson.toJson(model);
        assertTrue(json.contains("\"reduction\" : \"sum\""), json);
        ObjectNode doc = (ObjectNode) ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(json);
        ((ObjectNode) doc.get("compile_config").get("loss").get("config")).put("reduction", "median");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(doc.toString()));
        assertEquals("compile_config.loss", e.jsonPath());
        assertTrue(e.getMessage().contains("Unknown loss reduction 'median'"), e.getMessage());
    }

    @Test
    void aLossParameterItDoesNotTakeIsRejectedAtItsPath() throws Exception {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(2, "softmax", 3));
        model.compile("adam", "sparse_categorical_crossentropy");
        ObjectNode doc = (ObjectNode) ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(ModelJson.toJson(model));
        ((ObjectNode) doc.get("compile_config").get("loss").get("config")).put("label_smoothing", 0.1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(doc.toString()));
        assertEquals("compile_config.loss", e.jsonPath());
        assertTrue(e.getMessage().contains("Loss 'sparse_categorical_crossentropy' does not take [label_smoothing]"),
                e.getMessage());
    }
}
