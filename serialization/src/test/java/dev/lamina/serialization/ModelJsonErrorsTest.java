package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.UnknownActivationException;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Broken, hostile and unregistered files: each gives the documented exception with a JSON path. */
class ModelJsonErrorsTest {

    @TempDir
    Path dir;

    @AfterEach
    void unregister() {
        Activations.unregister("maFonction");
    }

    static Sequential small() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(3, "relu", 2));
        model.add(new Dense(1, "sigmoid"));
        return model;
    }

    static ObjectNode document(Sequential model) throws Exception {
        return (ObjectNode) ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(ModelJson.toJson(model));
    }

    static ModelFormatException rejects(String json) {
        return assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(json));
    }

    static ObjectNode layerConfig(ObjectNode doc, int layer) {
        return (ObjectNode) doc.get("model_config").get("config").get("layers").get(layer).get("config");
    }

    @Test
    void unregisteredCustomActivationNamesItTheLayerAndTheRegisterCall() throws Exception {
        Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
        Sequential model = new Sequential();
        model.add(new Dense(4, Activations.get("maFonction"), 3).name("hidden"));
        Path file = dir.resolve("custom.json");
        model.save(file);
        Activations.unregister("maFonction");
        UnknownActivationException e = assertThrows(UnknownActivationException.class, () -> Sequential.load(file));
        assertEquals("maFonction", e.activationName());
        assertEquals("model_config.config.layers[0].config.activation: activation 'maFonction' (used by layer "
                + "'hidden') is not registered. Register it before loading: Activations.register(\"maFonction\", fn).",
                e.getMessage());
        Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
        assertEquals(model.getWeights(), Sequential.load(file).getWeights());
    }

    @Test
    void customActivationParametersMustReachTheRegisteredFunction() throws Exception {
        Sequential model = new Sequential();
        model.add(new Dense(2, ActivationFunction.named("maFonction", java.util.Map.of("beta", 1.5),
                x -> x.mul(Transforms.sigmoid(x.mul(1.5)))), 3));
        String json = ModelJson.toJson(model);
        Activations.register("maFonction", x -> x.mul(Transforms.sigmoid(x)));
        ModelFormatException e = rejects(json);
        assertTrue(e.getMessage().contains("has parameters {} but the file needs {beta=1.5}"), e.getMessage());
    }

    @Test
    void badEmaAndAccumulationSettingsPointAtTheOptimizer() throws Exception {
        Sequential model = small();
        model.compile("adam", "mse");
        for (String[] bad : new String[][] {{"gradient_accumulation_steps", "1", ">= 2"},
                {"gradient_accumulation_steps", "2.5", "must be an integer"},
                {"ema_momentum", "1.5", "ema_momentum must be in the range [0, 1]"},
                {"ema_overwrite_frequency", "-2", "ema_overwrite_frequency must be an integer >= 1"}}) {
            ObjectNode doc = document(model);
            ObjectNode config = (ObjectNode) doc.get("compile_config").get("optimizer").get("config");
            config.put("use_ema", 1);
            config.set(bad[0], ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(bad[1]));
            ModelFormatException e = rejects(doc.toString());
            assertEquals("compile_config.optimizer", e.jsonPath());
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
    }

    @Test
    void truncatedJsonIsRejected() throws Exception {
        String json = ModelJson.toJson(small());
        ModelFormatException e = rejects(json.substring(0, json.length() / 2));
        assertTrue(e.getMessage().startsWith("$: not valid JSON"), e.getMessage());
    }

    @Test
    void wrongTypesPointAtTheField() throws Exception {
        ObjectNode doc = document(small());
        layerConfig(doc, 0).put("units", "three");
        ModelFormatException e = rejects(doc.toString());
        assertEquals("model_config.config.layers[0].config.units", e.jsonPath());
        assertTrue(e.getMessage().contains("expected an integer, found string \"three\""), e.getMessage());
    }

    @Test
    void unknownLayerClassIsRejectedWithoutLoadingAnyClass() throws Exception {
        ObjectNode doc = document(small());
        ((ObjectNode) doc.get("model_config").get("config").get("layers").get(1))
                .put("class_name", "java.lang.Runtime");
        ModelFormatException e = rejects(doc.toString());
        assertEquals("model_config.config.layers[1].class_name", e.jsonPath());
        assertTrue(e.getMessage().contains("unknown layer class_name 'java.lang.Runtime'"), e.getMessage());
    }

    @Test
    void missingWeightsAreRejected() throws Exception {
        ObjectNode doc = document(small());
        ((ArrayNode) doc.get("weights")).remove(3);
        ModelFormatException e = rejects(doc.toString());
        assertTrue(e.getMessage().contains("expected 4 weight tensors"), e.getMessage());
    }

    @Test
    void extraWeightsAreRejected() throws Exception {
        ObjectNode doc = document(small());
        ((ArrayNode) doc.get("weights")).add(doc.get("weights").get(0).deepCopy());
        assertTrue(rejects(doc.toString()).getMessage().contains("found 5"));
    }

    @Test
    void shapesThatDisagreeWithTheConfigAreRejected() throws Exception {
        ObjectNode doc = document(small());
        layerConfig(doc, 0).put("units", 4);
        ModelFormatException e = rejects(doc.toString());
        assertEquals("weights[0].shape", e.jsonPath());
        assertTrue(e.getMessage().contains("expected [2, 4] for 'dense/kernel'"), e.getMessage());
    }

    @Test
    void absurdSizesAreRefusedBeforeAllocation() throws Exception {
        ObjectNode doc = document(small());
        layerConfig(doc, 0).putArray("batch_input_shape").addNull().add(1_000_000);
        layerConfig(doc, 0).put("units", 1_000_000);
        ModelFormatException e = rejects(doc.toString());
        assertTrue(e.getMessage().contains("is more than one array holds"), e.getMessage());
        layerConfig(doc, 0).put("units", 1000);
        e = rejects(doc.toString());
        assertTrue(e.getMessage().contains("needs 1000002001 weights but the file is only"), e.getMessage());
    }

    @Test
    void negativeSizesAreRejected() throws Exception {
        ObjectNode doc = document(small());
        layerConfig(doc, 1).put("units", -1);
        assertEquals("model_config.config.layers[1].config.units", rejects(doc.toString()).jsonPath());
    }

    @Test
    void nonFiniteWeightsAreRejected() throws Exception {
        ObjectNode doc = document(small());
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        ((ObjectNode) doc.get("weights").get(3)).put("data", Base64.getEncoder().encodeToString(bytes.array()));
        ModelFormatException e = rejects(doc.toString());
        assertEquals("weights[3].data", e.jsonPath());
        assertTrue(e.getMessage().contains("weights must be finite"), e.getMessage());
    }

    @Test
    void unsupportedFormatVersionIsRejected() throws Exception {
        ObjectNode doc = document(small());
        doc.put("format_version", 2);
        ModelFormatException e = rejects(doc.toString());
        assertTrue(e.getMessage().contains("this Lamina reads format version 1, the file has version 2"),
                e.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        String json = ModelJson.toJson(small()).replaceFirst("\"format_version\" : 1",
                "\"format_version\" : 1, \"format_version\" : 1");
        assertTrue(rejects(json).getMessage().contains("Duplicate field 'format_version'"));
    }

    @Test
    void unknownFieldsAreRejected() throws Exception {
        ObjectNode doc = document(small());
        layerConfig(doc, 0).put("kernel_regulariser", 0.1);
        assertEquals("model_config.config.layers[0].config.kernel_regulariser", rejects(doc.toString()).jsonPath());
    }

    @Test
    void filesOverTheSizeLimitAreRefused() throws Exception {
        Path file = dir.resolve("big.json");
        small().save(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.load(file, 100));
        assertTrue(e.getMessage().contains("over the limit of 100"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> Sequential.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("no model file here"), e.getMessage());
    }

    @Test
    void aSaveThatFailsHalfwayLeavesThePreviousFileIntactAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.json");
        small().save(file);
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("{\"format\": \"lamina-model\", ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void savingIntoAMissingDirectoryIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> small().save(dir.resolve("no/such/dir/m.json")));
        assertTrue(e.getMessage().contains("the directory does not exist"), e.getMessage());
    }

    @Test
    void savingIntoAReadOnlyDirectoryIsAClearError() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        readOnly.toFile().setWritable(false);
        try {
            if (Files.isWritable(readOnly)) {
                return; // running as root: permissions are not enforced, nothing to test here
            }
            IOException e = assertThrows(IOException.class, () -> small().save(readOnly.resolve("m.json")));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }
}
