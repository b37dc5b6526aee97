package dev.lamina.serialization;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the weights of a built model from an HDF5 file in either layout Keras writes, then assigns them all at once
 * through {@code model.setWeights} (nothing is half-loaded):
 * <ul>
 * <li>Keras 3 ({@code model.weights.h5} inside {@code .keras}, {@code *.weights.h5}): {@code layers/<key>/vars/<i>}
 *     ({@code _layer_checkpoint_dependencies/<key>/vars/<i>} in tf.keras 2.12-2.14 {@code .keras} files),
 *     where {@code <key>} is the snake_case class name with a counter per class in model order ({@code dense},
 *     {@code dense_1}, ...; a Functional model's InputLayer counts, a Sequential's does not), cross-checked against the
 *     {@code name} attribute Keras 3.7+ puts on {@code vars};</li>
 * <li>legacy ({@code model.save("x.h5")}'s {@code model_weights} group, or the root of {@code save_weights("x.h5")}
 *     from Keras 1 and 2): {@code layer_names} in model order, each layer's {@code weight_names} giving the dataset
 *     paths; layers with weights are paired in order with the model's layers that have weights, as Keras does.</li>
 * </ul>
 * Optimizer and metrics state is ignored. Every dataset's type and shape is checked against the layer before its data
 * is read, every layer's weights must be present and every weight the file holds for the model's layers used.
 *
 * <pre>{@code
 * try (Hdf5Reader h5 = Hdf5Reader.open(bytes, "model.weights.h5")) {
 *     KerasWeightsReader.load(model, normalized.kerasLayers(), h5, h5.root());
 * }
 * }</pre>
 */
final class KerasWeightsReader {

    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private KerasWeightsReader() {
    }

    /** Loads the weights under {@code group}: Keras 3 layout if it has {@code layers}, else the legacy layout. */
    static void load(Sequential model, List<KerasConfigNormalizer.KerasLayer> kerasLayers, Hdf5Reader h5, Group group)
            throws ModelFormatException {
        Map<Layer, List<INDArray>> loaded;
        if (h5.hasNames(group, "layer_names")) {
            loaded = legacy(model, h5, group);
        } else if (layersGroup(h5, group) != null) {
            loaded = keras3(model, kerasLayers, h5, group);
        } else {
            throw h5.error(group.getPath(), "no Keras weights here: expected the attribute layer_names (Keras 1 and 2, "
                    + "and .h5 files of Keras 3) or the group layers (Keras 3 .weights.h5 and .keras)");
        }
        List<INDArray> flat = new ArrayList<>();
        for (Layer layer : model.layers()) {
            flat.addAll(loaded.getOrDefault(layer, List.of()));
        }
        try {
            model.setWeights(flat);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw h5.error(group.getPath(), "the weights do not fit the model: " + e.getMessage());
        }
    }

    private static Map<Layer, List<INDArray>> keras3(Sequential model, List<KerasConfigNormalizer.KerasLayer> kerasLayers,
                                                     Hdf5Reader h5, Group root) throws ModelFormatException {
        Group layersGroup = layersGroup(h5, root);
        Map<String, Layer> byName = new HashMap<>();
        for (Layer layer : model.layers()) {
            byName.put(layer.name(), layer);
        }
        Map<String, Integer> counters = new HashMap<>();
        Set<String> used = new HashSet<>();
        Map<Layer, List<INDArray>> loaded = new LinkedHashMap<>();
        for (int position = 0; position < kerasLayers.size(); position++) {
            KerasConfigNormalizer.KerasLayer keras = kerasLayers.get(position);
            String base = snakeCase(keras.className());
            int count = counters.merge(base, 1, Integer::sum) - 1;
            String key = count == 0 ? base : base + "_" + count;
            Layer layer = byName.get(keras.name());
            List<INDArray> expected = layer == null ? List.of() : layer.weights();
            String who = "layer '" + keras.name() + "' (" + keras.className() + ", position " + position + ")";
            Group layerGroup = h5.childGroup(layersGroup, key);
            if (layerGroup == null) {
                if (!expected.isEmpty()) {
                    throw h5.error(layersGroup.getPath() + "/" + key, who + " needs " + expected.size() + " weights "
                            + layer.weightNames() + " but the file has no group layers/" + key + "; it holds "
                            + h5.childNames(layersGroup) + " (is it the weights file of another model?)");
                }
                continue;
            }
            used.add(key);
            Group vars = h5.childGroup(layerGroup, "vars");
            for (String child : h5.childNames(layerGroup)) {
                // an activation given as a layer object (ReLU, LeakyReLU...) gets a weightless group of its own
                if (!child.equals("vars") && holdsData(h5, h5.child(layerGroup, child), 0)) {
                    throw h5.error(layerGroup.getPath() + "/" + child, who + ": unexpected entry '" + child
                            + "'; a " + keras.className() + " holds its weights in vars only");
                }
            }
            List<String> indices = vars == null ? List.of() : h5.childNames(vars);
            if (vars != null && h5.hasAttribute(vars, "name")) {
                String recorded = h5.stringAttribute(vars, "name");
                if (keras.name() != null && !recorded.equals(keras.name())) {
                    throw h5.error(vars.getPath() + "@name", "the weights of layers/" + key + " belong to layer '"
                            + recorded + "', but in this model's config the " + keras.className() + " number "
                            + (count + 1) + " is '" + keras.name() + "'; the weights file is not this model's");
                }
            }
            if (indices.size() != expected.size()) {
                throw h5.error(layerGroup.getPath() + "/vars", who + " needs " + expected.size() + " weights "
                        + (layer == null ? "[]" : layer.weightNames()) + ", the file has " + indices.size() + " "
                        + indices);
            }
            List<INDArray> values = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                String index = Integer.toString(i);
                if (!indices.contains(index)) {
                    throw h5.error(vars.getPath(), who + ": expected datasets 0.." + (expected.size() - 1)
                            + ", found " + indices);
                }
                String weightName = layer.weightNames().get(i);
                values.add(h5.read(h5.child(vars, index), expected.get(i).shape(), model.dataType(),
                        weightName.equals("count"), who + " " + weightName));
            }
            if (layer != null) {
                loaded.put(layer, values);
            }
        }
        for (String key : h5.childNames(layersGroup)) {
            if (!used.contains(key) && holdsData(h5, h5.childGroup(layersGroup, key), 0)) {
                throw h5.error(layersGroup.getPath() + "/" + key, "weights for a layer the model does not have ("
                        + "the model's layers take " + used + "); the weights file is not this model's");
            }
        }
        Group rootVars = h5.childGroup(root, "vars");
        if (rootVars != null && holdsData(h5, rootVars, 0)) {
            throw h5.error(rootVars.getPath(), "model-level weights, which a Sequential model does not have");
        }
        return loaded;
    }

    /**
     * The group holding the layers in the Keras 3 layout: {@code layers}, or {@code _layer_checkpoint_dependencies}
     * in the {@code .keras} files of tf.keras 2.12 to 2.14 (same class-counter keys; 2.15 moved to {@code layers}).
     */
    static Group layersGroup(Hdf5Reader h5, Group root) throws ModelFormatException {
        Group layers = h5.childGroup(root, "layers");
        return layers != null ? layers : h5.childGroup(root, "_layer_checkpoint_dependencies");
    }

    /** Whether a group holds any dataset (searched a few levels deep). */
    private static boolean holdsData(Hdf5Reader h5, Node node, int depth) throws ModelFormatException {
        if (!(node instanceof Group group)) {
            return node != null;
        }
        if (depth > 4) {
            return true;
        }
        for (String child : h5.childNames(group)) {
            if (holdsData(h5, h5.child(group, child), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Map<Layer, List<INDArray>> legacy(Sequential model, Hdf5Reader h5, Group group)
            throws ModelFormatException {
        List<String> layerNames = h5.names(group, "layer_names");
        List<String> fileLayers = new ArrayList<>();
        List<List<String>> fileWeights = new ArrayList<>();
        List<Group> fileGroups = new ArrayList<>();
        for (String name : layerNames) {
            Group layerGroup = h5.childGroup(group, name);
            if (layerGroup == null) {
                throw h5.error(group.getPath() + "@layer_names", "lists layer '" + name + "' but the file has no "
                        + "group for it");
            }
            List<String> weightNames = h5.names(layerGroup, "weight_names");
            if (weightNames != null && !weightNames.isEmpty()) {
                fileLayers.add(name);
                fileWeights.add(weightNames);
                fileGroups.add(layerGroup);
            }
        }
        Group topLevel = h5.childGroup(group, "top_level_model_weights");
        if (topLevel != null) {
            List<String> names = h5.names(topLevel, "weight_names");
            if (names != null && !names.isEmpty()) {
                throw h5.error(topLevel.getPath(), "model-level weights " + names + ", which a Sequential model does "
                        + "not have");
            }
        }
        List<Layer> withWeights = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (!layer.weights().isEmpty()) {
                withWeights.add(layer);
            }
        }
        if (withWeights.size() != fileLayers.size()) {
            throw h5.error(group.getPath() + "@layer_names", "the file has weights for " + fileLayers.size()
                    + " layers " + fileLayers + ", the model has " + withWeights.size() + " layers with weights "
                    + withWeights.stream().map(Layer::name).toList() + "; the weights file is not this model's");
        }
        Map<Layer, List<INDArray>> loaded = new LinkedHashMap<>();
        for (int i = 0; i < withWeights.size(); i++) {
            Layer layer = withWeights.get(i);
            List<String> names = fileWeights.get(i);
            String who = "layer '" + layer.name() + "' (" + layer.className() + ")";
            if (names.size() != layer.weights().size()) {
                throw h5.error(fileGroups.get(i).getPath() + "@weight_names", who + " needs " + layer.weights().size()
                        + " weights " + layer.weightNames() + ", the file's layer '" + fileLayers.get(i) + "' has "
                        + names.size() + " " + names);
            }
            List<INDArray> values = new ArrayList<>();
            for (int w = 0; w < names.size(); w++) {
                Node node = h5.resolve(fileGroups.get(i), names.get(w));
                if (node == null) {
                    throw h5.error(fileGroups.get(i).getPath() + "/" + names.get(w), "weight_names lists '"
                            + names.get(w) + "' but the file has no dataset there");
                }
                String weightName = layer.weightNames().get(w);
                values.add(h5.read(node, layer.weights().get(w).shape(), model.dataType(), weightName.equals("count"),
                        who + " " + weightName + " ('" + names.get(w) + "')"));
            }
            loaded.put(layer, values);
        }
        return loaded;
    }

    /** Keras's {@code naming.to_snake_case} of a class name: {@code BatchNormalization} to {@code batch_normalization}. */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(Locale.ROOT);
    }
}
