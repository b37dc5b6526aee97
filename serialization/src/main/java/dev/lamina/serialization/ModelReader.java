package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.core.schedule.LearningRateSchedule;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a model from a parsed Lamina document: format and version, then the architecture (see
 * {@link ArchitectureReader}), the weights, the compile settings and the optimizer state, each validated with its JSON
 * path; the model is only returned once complete.
 */
final class ModelReader {

    private static final Set<String> ROOT_FIELDS = Set.of("format", "format_version", "model_config", "weights",
            "compile_config", "optimizer_state");

    private ModelReader() {
    }

    static Sequential read(JsonNode rootNode, long sourceBytes) throws ModelFormatException {
        JsonCursor root = new JsonCursor(rootNode, "");
        if (rootNode == null || !rootNode.isObject()) {
            throw new ModelFormatException("$", "expected a JSON object (a Lamina model file), found "
                    + JsonCursor.describe(rootNode));
        }
        String format = root.text("format");
        if (!format.equals(ModelWriter.FORMAT)) {
            throw root.child("format").error("expected \"" + ModelWriter.FORMAT + "\", found \"" + format
                    + "\"; Keras or TensorFlow.js files load with ModelJson.fromKerasJson / ModelJson.loadTfjs");
        }
        long version = root.integer("format_version", 0, Integer.MAX_VALUE);
        if (version != ModelWriter.VERSION) {
            throw root.child("format_version").error("this Lamina reads format version " + ModelWriter.VERSION
                    + ", the file has version " + version + "; use the Lamina version that wrote it, or re-save it");
        }
        root.onlyFields(ROOT_FIELDS);
        ArchitectureReader.Architecture architecture = ArchitectureReader.read(root.object("model_config"),
                sourceBytes);
        Sequential model = ArchitectureReader.build(architecture);
        List<JsonCursor> weights = root.array("weights");
        model.setWeights(readWeights(model, weights));
        if (root.has("compile_config")) {
            compile(model, root.object("compile_config"));
            if (root.has("optimizer_state")) {
                restoreOptimizer(model, root.object("optimizer_state"));
            }
        } else if (root.has("optimizer_state")) {
            throw root.child("optimizer_state").error("optimizer state without compile_config");
        }
        return model;
    }

    private static List<INDArray> readWeights(Sequential model, List<JsonCursor> nodes) throws ModelFormatException {
        List<String> expectedNames = new ArrayList<>();
        List<long[]> expectedShapes = new ArrayList<>();
        for (Layer layer : model.layers()) {
            List<INDArray> tensors = layer.weights();
            for (int i = 0; i < tensors.size(); i++) {
                expectedNames.add(layer.name() + "/" + layer.weightNames().get(i));
                expectedShapes.add(tensors.get(i).shape());
            }
        }
        if (nodes.size() != expectedNames.size()) {
            String where = nodes.isEmpty() ? "weights" : nodes.get(0).path().replaceAll("\\[0]$", "");
            throw new ModelFormatException(where, "expected " + expectedNames.size() + " weight tensors "
                    + expectedNames + ", found " + nodes.size());
        }
        List<INDArray> weights = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            weights.add(tensor(nodes.get(i), expectedNames.get(i), expectedShapes.get(i), model.dataType()));
        }
        return weights;
    }

    static INDArray tensor(JsonCursor node, String expectedName, long[] expectedShape, DataType dataType)
            throws ModelFormatException {
        if (node.node() == null || !node.node().isObject()) {
            throw node.error("expected a weight object, found " + JsonCursor.describe(node.node()));
        }
        node.onlyFields(Set.of("name", "shape", "dtype", "data"));
        String name = node.text("name");
        if (expectedName != null && !name.equals(expectedName)) {
            throw node.child("name").error("expected weight '" + expectedName + "', found '" + name + "'");
        }
        List<JsonCursor> dims = node.array("shape");
        long[] shape = new long[dims.size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = dims.get(d).asInteger(0, Integer.MAX_VALUE);
        }
        if (expectedShape != null && !java.util.Arrays.equals(shape, expectedShape)) {
            throw node.child("shape").error("expected " + java.util.Arrays.toString(expectedShape) + " for '"
                    + name + "' (from the layer config), found " + java.util.Arrays.toString(shape));
        }
        String dtype = node.text("dtype");
        if (!dtype.equals(WeightCodec.dtypeName(dataType))) {
            throw node.child("dtype").error("expected " + WeightCodec.dtypeName(dataType) + " like the model, found "
                    + dtype);
        }
        return WeightCodec.decode(node.text("data"), shape, dtype, node.child("data"));
    }

    private static void compile(Sequential model, JsonCursor config) throws ModelFormatException {
        config.onlyFields(Set.of("optimizer", "loss", "metrics"));
        JsonCursor optimizerNode = config.object("optimizer");
        optimizerNode.onlyFields(Set.of("class_name", "config"));
        LearningRateSchedule schedule = null;
        Map<String, Double> optimizerConfig;
        JsonNode rate = optimizerNode.has("config") ? optimizerNode.object("config").node().get("learning_rate") : null;
        if (rate != null && rate.isObject()) { // a schedule, saved in place of the number as Keras does
            schedule = ScheduleJson.read(optimizerNode.object("config").object("learning_rate"));
            optimizerConfig = nonNull(optimizerNode, "config", Set.of("learning_rate"));
            optimizerConfig.put("learning_rate", schedule.at(0));
        } else {
            optimizerConfig = nonNull(optimizerNode, "config", Set.of());
        }
        Optimizer optimizer;
        try {
            optimizer = Optimizers.get(optimizerNode.text("class_name"), optimizerConfig);
            optimizer.learningRateSchedule(schedule);
        } catch (IllegalArgumentException e) {
            throw optimizerNode.error(e.getMessage());
        }
        JsonCursor lossNode = config.object("loss");
        lossNode.onlyFields(Set.of("class_name", "config"));
        Loss loss;
        try {
            loss = Losses.get(lossNode.text("class_name"), nonNull(lossNode, "config", Set.of("reduction")));
            if (lossNode.has("config") && lossNode.object("config").has("reduction")) {
                loss = loss.withReduction(Reduction.of(lossNode.object("config").text("reduction")));
            }
        } catch (IllegalArgumentException e) {
            throw lossNode.error(e.getMessage());
        }
        List<Object> metrics = new ArrayList<>();
        for (JsonCursor metric : config.array("metrics")) {
            metrics.add(MetricJson.read(metric));
        }
        model.compile(optimizer, loss, metrics.toArray());
    }

    /** The numbers of an object (except the keys in {@code except}); a null is an error. */
    private static Map<String, Double> nonNull(JsonCursor node, String field, Set<String> except)
            throws ModelFormatException {
        Map<String, Double> values = node.numbers(field, except);
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                throw node.child(field).child(entry.getKey()).error("expected a number, found null");
            }
        }
        return values;
    }

    private static void restoreOptimizer(Sequential model, JsonCursor state) throws ModelFormatException {
        state.onlyFields(Set.of("iterations", "slots"));
        long iterations = state.integer("iterations", 0, Long.MAX_VALUE);
        Map<String, INDArray> slots = new LinkedHashMap<>();
        long parameters = model.countTrainableParams();
        for (JsonCursor slot : state.array("slots")) {
            INDArray array = tensor(slot, null, null, model.dataType());
            if (array.length() != parameters) {
                throw slot.child("shape").error("an optimizer slot must have one value per trainable weight ("
                        + parameters + "), found " + array.length());
            }
            slots.put(slot.text("name"), array.reshape(1, parameters));
        }
        try {
            model.optimizer().restoreState(slots, iterations);
        } catch (IllegalArgumentException e) {
            throw state.error(e.getMessage());
        }
    }
}
