package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras 3's weights file ({@code model.weights.h5} in a {@code .keras} archive, or {@code *.weights.h5} from
 * {@code save_weights}): {@code layers/<key>/vars/<i>} in Keras's variable order, where {@code <key>} is the layer's
 * snake_case class name with {@code _1}, {@code _2}, ... for the 2nd, 3rd layer of a class (the Sequential's
 * InputLayer is not counted); a {@code name} attribute (the layer's name) on every {@code vars} group, weightless
 * layers included, as Keras 3.7 and later write it; the model's own empty {@code vars} group; and, for a compiled
 * model, {@code optimizer/vars}.
 *
 * <pre>{@code
 * byte[] h5 = KerasWeightsWriter.write(model, Keras3Config.of(model));
 * }</pre>
 *
 * <p>Optimizer variables follow Keras's order: the step count (int64), the learning rate (float32; absent with a
 * schedule), then each slot per weight in the order Keras's {@code build} creates them (the moving average of
 * {@code use_ema} and the gradient accumulators first). An optimizer that has not stepped yet gets the step count and
 * learning rate only, as Keras writes an optimizer it has not built. Nadam (whose Keras state holds a product Lamina
 * derives from the step count) gets an empty group: Keras then warns that it skips the optimizer's variables and
 * starts its state afresh, which is its behaviour for any count mismatch. Keras's optimizer variables cover the
 * model's trainable variables only (a frozen layer's weights and moving statistics have none), which Lamina's slots
 * cover in the same order; slots left from before a layer was frozen or unfrozen are not written (the group is left
 * empty), as Lamina's next {@code fit} would drop them too.
 *
 * <p>Normalization's {@code count} is written as an int64 scalar, as Keras creates it with dtype {@code "int"}.
 */
final class KerasWeightsWriter {

    /** Lamina's slot names in the order Keras creates them; the names of one inner list are interleaved per weight. */
    static final Map<String, List<List<String>>> SLOT_ORDER = Map.of(
            "sgd", List.of(List.of("momentum")),
            "rmsprop", List.of(List.of("velocity"), List.of("momentum"), List.of("average_gradient")),
            "adam", List.of(List.of("m", "v"), List.of("v_hat")),
            "adamw", List.of(List.of("m", "v"), List.of("v_hat")),
            "adagrad", List.of(List.of("accumulator")),
            "adamax", List.of(List.of("momentum", "norm")),
            "adadelta", List.of(List.of("accumulated_grad", "accumulated_delta_var")),
            "lion", List.of(List.of("momentum")),
            "ftrl", List.of(List.of("accumulator", "linear")));

    /** The base optimizer's slots, created before the optimizer's own. */
    static final List<List<String>> BASE_SLOTS = List.of(List.of("average"), List.of("gradient_accumulator"));

    private KerasWeightsWriter() {
    }

    /** The weights file of {@code model}, whose Keras 3 config ({@link Keras3Config#of}) is {@code config}. */
    static byte[] write(Sequential model, JsonNode config) {
        Hdf5Writer.Group root = new Hdf5Writer.Group();
        List<Layer> layers = model.layers();
        JsonNode entries = config.path("config").path("layers");
        Map<String, Integer> used = new HashMap<>();
        int next = 0;
        for (JsonNode entry : entries) {
            String className = entry.path("class_name").asText();
            if (className.equals("InputLayer")) {
                if (next < layers.size() && layers.get(next).className().equals("InputLayer")) {
                    next++;
                }
                continue; // a Sequential's input is not one of its layers in Keras
            }
            Layer layer = layers.get(next++);
            String key = uniqueName(snakeCase(className), used);
            Hdf5Writer.Group vars = root.group("layers").group(key).group("vars");
            vars.attribute("name", layer.name());
            List<INDArray> weights = layer.weights();
            List<String> names = layer.weightNames();
            for (int i = 0; i < weights.size(); i++) {
                if (isCount(layer, names.get(i))) {
                    // Keras creates Normalization's count with dtype "int": an int64 scalar in the file
                    vars.int64(Integer.toString(i), Math.round(weights.get(i).getDouble(0)));
                } else {
                    put(vars, Integer.toString(i), weights.get(i));
                }
            }
            JsonNode activation = entry.path("config").path("activation");
            if (activation.isObject() && "keras.layers".equals(activation.path("module").asText())) {
                // a layer object used as the activation is a weightless sub-layer, saved under its attribute name
                root.group("layers").group(key).group("activation").group("vars")
                        .attribute("name", activation.path("config").path("name").asText());
            }
        }
        root.group("vars").attribute("name", model.name());
        if (model.isCompiled()) {
            optimizer(root, model.optimizer(), layers, config);
        }
        return root.toBytes();
    }

    private static void optimizer(Hdf5Writer.Group root, Optimizer optimizer, List<Layer> layers, JsonNode config) {
        Hdf5Writer.Group vars = root.group("optimizer").group("vars");
        vars.attribute("name", config.path("compile_config").path("optimizer").path("config").path("name").asText());
        Map<String, INDArray> state = optimizer.state();
        List<List<String>> order = SLOT_ORDER.get(optimizer.name());
        if (order == null && !state.isEmpty()) {
            return;
        }
        long trainableCount = layers.stream().mapToLong(Layer::trainableParameterCount).sum();
        if (state.values().stream().anyMatch(slot -> slot.length() != trainableCount)) {
            // slots made for other trainable weights (a layer was frozen or unfrozen since): Lamina's next fit drops
            // them, and Keras, finding no variables, starts afresh too
            return;
        }
        List<INDArray> values = new ArrayList<>();
        if (!state.isEmpty()) {
            List<List<String>> groups = new ArrayList<>(BASE_SLOTS);
            groups.addAll(order);
            List<String> written = new ArrayList<>();
            for (List<String> group : groups) {
                List<String> present = group.stream().filter(state::containsKey).toList();
                written.addAll(present);
                if (!present.isEmpty()) {
                    slices(state, present, layers, values);
                }
            }
            if (written.size() != state.size()) {
                throw new IllegalStateException("Optimizer '" + optimizer.name() + "' has slots " + state.keySet()
                        + " but Keras's order is known for " + written + "; this is a bug in KerasWeightsWriter.");
            }
        }
        int index = 0;
        vars.int64(Integer.toString(index++), optimizer.iterations());
        if (optimizer.learningRateSchedule() == null) {
            vars.float32(Integer.toString(index++), new long[0], new float[] {(float) optimizer.learningRate()});
        }
        for (INDArray value : values) {
            put(vars, Integer.toString(index++), value);
        }
    }

    /**
     * The {@code slots}, interleaved per trainable weight, each in its weight's shape. Keras's optimizer variables
     * cover {@code model.trainable_variables}: layer by layer, each layer's trainable weights in its weight order,
     * which is how Lamina packs its trainable weights, so the slots are read from offset 0 on.
     */
    private static void slices(Map<String, INDArray> state, List<String> slots, List<Layer> layers,
                               List<INDArray> values) {
        long offset = 0;
        for (Layer layer : layers) {
            List<INDArray> weights = layer.weights();
            for (int i = 0; i < weights.size(); i++) {
                if (!layer.isTrainableWeight(i)) {
                    continue;
                }
                INDArray weight = weights.get(i);
                for (String slot : slots) {
                    INDArray flat = state.get(slot).reshape(-1);
                    values.add(flat.get(NDArrayIndex.interval(offset, offset + weight.length()))
                            .reshape('c', weight.shape()));
                }
                offset += weight.length();
            }
        }
    }

    private static boolean isCount(Layer layer, String weightName) {
        return layer.className().equals("Normalization") && weightName.equals("count");
    }

    private static void put(Hdf5Writer.Group group, String name, INDArray array) {
        INDArray c = array.dup('c');
        if (array.dataType() == DataType.DOUBLE) {
            group.float64(name, array.shape(), c.data().asDouble());
        } else {
            group.float32(name, array.shape(), c.castTo(DataType.FLOAT).data().asFloat());
        }
    }

    /** Keras's {@code naming.to_snake_case}: {@code Dense} → {@code dense}, {@code ReLU} → {@code re_lu}. */
    static String snakeCase(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Keras's {@code _get_unique_name}: the first use of a name as is, then {@code name_1}, {@code name_2}, ... */
    private static String uniqueName(String name, Map<String, Integer> used) {
        Integer count = used.get(name);
        if (count == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, count + 1);
        return name + "_" + (count + 1);
    }
}
