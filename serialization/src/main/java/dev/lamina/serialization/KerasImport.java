package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads Keras's architecture JSON and TensorFlow.js Layers models into a Sequential. */
final class KerasImport {

    private KerasImport() {
    }

    static Sequential fromKerasJson(JsonNode root, long seed) throws ModelFormatException {
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("$", "expected a Keras model object");
        }
        KerasConfigNormalizer.Normalized normalized = KerasConfigNormalizer.normalize(root, "", null);
        ArchitectureReader.Architecture architecture = ArchitectureReader.read(normalized.cursor(), -1);
        try {
            return ArchitectureReader.build(architecture, seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("", "the Keras model is invalid: " + e.getMessage(), e);
        }
    }

    static Sequential fromTfjs(JsonNode root, Path directory) throws IOException {
        JsonCursor cursor = new JsonCursor(root, "");
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("$", "expected a TensorFlow.js model.json object");
        }
        if (cursor.has("format") && !cursor.text("format").equals("layers-model")) {
            throw cursor.child("format").error("only TensorFlow.js 'layers-model' files are supported");
        }
        JsonCursor topology = cursor.object("modelTopology");
        JsonCursor modelConfig = topology.has("model_config") ? topology.object("model_config") : topology;
        ArchitectureReader.Architecture architecture = ArchitectureReader.read(modelConfig, -1);
        if (architecture.inputSize() <= 0) {
            throw modelConfig.error("the first layer needs batch_input_shape [null, n] to load weights");
        }
        Sequential model;
        try {
            model = ArchitectureReader.build(architecture);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("modelTopology", "the model is invalid: " + e.getMessage(), e);
        }
        Map<String, INDArray> byName = readManifest(cursor, directory);
        List<INDArray> weights = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (int i = 0; i < layer.weights().size(); i++) {
                String name = layer.name() + "/" + layer.weightNames().get(i);
                INDArray tensor = byName.remove(name);
                if (tensor == null) {
                    throw cursor.child("weightsManifest").error("no weight named '" + name + "'; the manifest has "
                            + byName.keySet());
                }
                if (!java.util.Arrays.equals(tensor.shape(), layer.weights().get(i).shape())) {
                    throw cursor.child("weightsManifest").error("weight '" + name + "' has shape "
                            + java.util.Arrays.toString(tensor.shape()) + ", the layer needs "
                            + java.util.Arrays.toString(layer.weights().get(i).shape()));
                }
                weights.add(tensor);
            }
        }
        if (!byName.isEmpty()) {
            throw cursor.child("weightsManifest").error("weights that no layer uses: " + byName.keySet());
        }
        model.setWeights(weights);
        return model;
    }

    private static Map<String, INDArray> readManifest(JsonCursor root, Path directory) throws IOException {
        Map<String, INDArray> tensors = new HashMap<>();
        for (JsonCursor group : root.array("weightsManifest")) {
            ByteBuffer bytes = concatenate(group, directory);
            for (JsonCursor weight : group.array("weights")) {
                String name = weight.text("name");
                String dtype = weight.text("dtype");
                if (!dtype.equals("float32")) {
                    throw weight.child("dtype").error("only float32 weights are supported, found " + dtype);
                }
                List<JsonCursor> dims = weight.array("shape");
                long[] shape = new long[dims.size()];
                long count = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = dims.get(d).asInteger(0, Integer.MAX_VALUE);
                    count = Math.multiplyExact(count, shape[d]);
                }
                if (count * 4 > bytes.remaining()) {
                    throw weight.error("needs " + count * 4 + " bytes but only " + bytes.remaining()
                            + " remain in the weight files");
                }
                float[] values = new float[(int) count];
                bytes.asFloatBuffer().get(values);
                bytes.position(bytes.position() + (int) count * 4);
                for (float v : values) {
                    if (!Float.isFinite(v)) {
                        throw weight.error("contains a non-finite value");
                    }
                }
                if (tensors.put(name, Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT)) != null) {
                    throw weight.child("name").error("weight '" + name + "' appears twice");
                }
            }
            if (bytes.remaining() != 0) {
                throw group.error(bytes.remaining() + " bytes of the weight files are not described by the manifest");
            }
        }
        return tensors;
    }

    private static ByteBuffer concatenate(JsonCursor group, Path directory) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        long total = 0;
        for (JsonCursor pathNode : group.array("paths")) {
            if (pathNode.node() == null || !pathNode.node().isTextual()) {
                throw pathNode.error("expected a file name");
            }
            Path file = directory.resolve(pathNode.node().textValue()).normalize();
            if (!file.startsWith(directory.normalize())) {
                throw pathNode.error("weight files must lie beside model.json, not at " + pathNode.node().textValue());
            }
            if (!Files.isRegularFile(file)) {
                throw pathNode.error("weight file " + file + " is missing");
            }
            total += Files.size(file);
            if (total > ModelJson.DEFAULT_MAX_BYTES) {
                throw pathNode.error("weight files exceed " + ModelJson.DEFAULT_MAX_BYTES + " bytes");
            }
            parts.add(Files.readAllBytes(file));
        }
        ByteBuffer all = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        all.flip();
        return all;
    }
}
