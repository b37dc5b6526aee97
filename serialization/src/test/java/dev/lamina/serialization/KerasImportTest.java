package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Fixtures written by hand to Keras's and TensorFlow.js's documented schemas. */
class KerasImportTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Activations.unregister("maFonction");
    }

    static String fixture(String name) throws Exception {
        return new String(KerasImportTest.class.getResourceAsStream("/" + name).readAllBytes());
    }

    @Test
    void readsTfKeras2ToJson() throws Exception {
        Sequential model = ModelJson.fromKerasJson(fixture("keras/tf-keras-2-sequential.json"), 1);
        assertEquals(List.of("dense", "dropout", "dense_1", "activation"),
                model.layers().stream().map(Layer::name).toList());
        assertEquals(10, model.inputSize());
        Dense first = (Dense) model.layers().get(0);
        assertEquals(16, first.units());
        assertEquals("relu", first.activation().name());
        assertEquals(0.5, ((Dropout) model.layers().get(1)).rate());
        assertEquals("he_normal", ((Dense) model.layers().get(2)).kernelInitializer().name());
        assertEquals(3, model.predict(Nd4j.rand(4, 10)).size(1));
    }

    @Test
    void readsKeras3ToJsonWithAnInputLayerAndARegisteredCustomActivation() throws Exception {
        String json = fixture("keras/keras-3-sequential.json");
        UnknownActivationException e = assertThrows(UnknownActivationException.class,
                () -> ModelJson.fromKerasJson(json, 1));
        assertTrue(e.getMessage().contains("(used by layer 'out') is not registered"), e.getMessage());
        Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
        Sequential model = ModelJson.fromKerasJson(json, 1);
        assertEquals(8, model.inputSize());
        assertEquals("lecun_normal", ((Dense) model.layers().get(0)).kernelInitializer().name());
        assertEquals("maFonction", model.outputActivation().name());
        assertEquals("variance_scaling", ((Dense) model.layers().get(1)).kernelInitializer().name());
    }

    @Test
    void loadsATensorFlowJsModelAndPredictsWhatItPredicted() throws Exception {
        Files.writeString(dir.resolve("model.json"), fixture("tfjs/model.json"));
        float[] weights = {0.5f, -0.25f, 1f, 0.75f, -1.5f, 0.1f, 0.2f, -0.3f, 2f, -1f, 0.05f};
        ByteBuffer bytes = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights) {
            bytes.putFloat(w);
        }
        Files.write(dir.resolve("weights.bin"), bytes.array());
        Sequential model = ModelJson.loadTfjs(dir.resolve("model.json"));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, -1}});
        // hidden = tanh([1*0.5 + 2*1 + -1*-1.5 + 0.2, 1*-0.25 + 2*0.75 + -1*0.1 - 0.3]) = tanh([4.2, 0.85])
        double h0 = Math.tanh(4.2);
        double h1 = Math.tanh(0.85);
        double expected = 1 / (1 + Math.exp(-(2 * h0 - 1 * h1 + 0.05)));
        assertEquals(expected, model.predict(x).getDouble(0, 0), 1e-6);
    }

    @Test
    void aTensorFlowJsModelWithAShortWeightFileIsRejected() throws Exception {
        Files.writeString(dir.resolve("model.json"), fixture("tfjs/model.json"));
        Files.write(dir.resolve("weights.bin"), new byte[12]);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.loadTfjs(dir.resolve("model.json")));
        assertTrue(e.getMessage().contains("remain in the weight files"), e.getMessage());
    }

    @Test
    void kerasRegularizersAreReadAndUnsupportedOnesRefusedRatherThanIgnored() throws Exception {
        String json = fixture("keras/tf-keras-2-sequential.json").replaceFirst("\"kernel_regularizer\": null",
                "\"kernel_regularizer\": {\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}");
        Sequential model = ModelJson.fromKerasJson(json, 1);
        assertEquals(new dev.lamina.core.regularizer.L2(0.01),
                ((dev.lamina.layers.Dense) model.layers().get(0)).kernelRegularizer());
        String orthogonal = fixture("keras/tf-keras-2-sequential.json").replaceFirst("\"kernel_regularizer\": null",
                "\"kernel_regularizer\": {\"class_name\": \"OrthogonalRegularizer\", \"config\": {}}");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.fromKerasJson(orthogonal, 1));
        assertEquals("config.layers[0].config.kernel_regularizer", e.jsonPath());
        assertTrue(e.getMessage().contains("Unknown regularizer 'OrthogonalRegularizer'"), e.getMessage());
    }
}
