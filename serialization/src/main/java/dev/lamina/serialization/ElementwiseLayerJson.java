package dev.lamina.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.layers.AlphaDropout;
import dev.lamina.layers.ELU;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GaussianDropout;
import dev.lamina.layers.GaussianNoise;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LeakyReLU;
import dev.lamina.layers.PReLU;
import dev.lamina.layers.ReLU;
import dev.lamina.layers.Softmax;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configs of the element-wise layers, in Keras 3's keys (Keras 2's where they differ, on reading): the activation
 * layers {@code LeakyReLU} ({@code negative_slope}, Keras 2's {@code alpha}), {@code ReLU} ({@code max_value},
 * {@code negative_slope}, {@code threshold}), {@code ELU} ({@code alpha}), {@code Softmax} ({@code axis}) and
 * {@code PReLU} ({@code alpha_initializer}; {@code alpha_regularizer}, {@code alpha_constraint} and
 * {@code shared_axes} only null), the noise layers {@code GaussianNoise} ({@code stddev}, {@code seed}),
 * {@code GaussianDropout} ({@code rate}, {@code seed}) and {@code AlphaDropout} ({@code rate}, {@code seed},
 * {@code noise_shape} only null), and {@code Flatten} ({@code data_format}).
 *
 * <pre>{@code
 * Supplier<Layer> layer = ElementwiseLayerJson.read("LeakyReLU", config, "leaky_re_lu", COMMON_FIELDS);
 * ElementwiseLayerJson.write(new LeakyReLU(0.1), configNode);   // "negative_slope": 0.1
 * }</pre>
 */
final class ElementwiseLayerJson {

    /** The class names read here. */
    static final Set<String> CLASS_NAMES = Set.of("LeakyReLU", "ReLU", "ELU", "Softmax", "PReLU", "GaussianNoise",
            "GaussianDropout", "AlphaDropout", "Flatten");

    private ElementwiseLayerJson() {
    }

    /**
     * Validates the config of layer {@code className} (one of {@link #CLASS_NAMES}) and returns how to create the
     * layer; {@code common} are the keys every layer may have.
     */
    static Supplier<Layer> read(String className, JsonCursor config, String name, Set<String> common)
            throws ModelFormatException {
        Supplier<Layer> layer = switch (className) {
            case "LeakyReLU" -> {
                config.onlyFields(with(common, "negative_slope", "alpha"));
                if (config.has("negative_slope") && config.has("alpha")) {
                    throw config.child("alpha").error("give the slope once: negative_slope (Keras 3) or alpha "
                            + "(Keras 2), not both");
                }
                String key = config.has("alpha") ? "alpha" : "negative_slope";
                double slope = config.has(key) ? config.number(key) : 0.3;
                yield checked(config.child(key), () -> new LeakyReLU(slope).name(name));
            }
            case "ReLU" -> {
                config.onlyFields(with(common, "max_value", "negative_slope", "threshold"));
                double max = config.has("max_value") ? config.number("max_value") : Double.POSITIVE_INFINITY;
                double slope = config.has("negative_slope") ? config.number("negative_slope") : 0.0;
                double threshold = config.has("threshold") ? config.number("threshold") : 0.0;
                yield checked(config, () -> new ReLU(max, slope, threshold).name(name));
            }
            case "ELU" -> {
                config.onlyFields(with(common, "alpha"));
                double alpha = config.has("alpha") ? config.number("alpha") : 1.0;
                yield checked(config.child("alpha"), () -> new ELU(alpha).name(name));
            }
            case "Softmax" -> {
                config.onlyFields(with(common, "axis"));
                int axis = config.has("axis") ? axis(config) : -1;
                yield checked(config.child("axis"), () -> new Softmax(axis).name(name));
            }
            case "PReLU" -> {
                config.onlyFields(with(common, "alpha_initializer", "alpha_regularizer", "alpha_constraint",
                        "shared_axes"));
                onlyNull(config, "alpha_regularizer", "alpha_constraint", "shared_axes");
                var initializer = ArchitectureReader.initializer(config, "alpha_initializer", "zeros");
                yield () -> new PReLU().alphaInitializer(initializer).name(name);
            }
            case "GaussianNoise" -> {
                config.onlyFields(with(common, "stddev", "seed"));
                double stddev = config.number("stddev");
                Long seed = seed(config);
                yield checked(config.child("stddev"), () -> {
                    GaussianNoise noise = new GaussianNoise(stddev).name(name);
                    return seed == null ? noise : noise.seed(seed);
                });
            }
            case "GaussianDropout" -> {
                config.onlyFields(with(common, "rate", "seed"));
                double rate = config.number("rate");
                Long seed = seed(config);
                yield checked(config.child("rate"), () -> {
                    GaussianDropout dropout = new GaussianDropout(rate).name(name);
                    return seed == null ? dropout : dropout.seed(seed);
                });
            }
            case "AlphaDropout" -> {
                config.onlyFields(with(common, "rate", "seed", "noise_shape"));
                onlyNull(config, "noise_shape");
                double rate = config.number("rate");
                Long seed = seed(config);
                yield checked(config.child("rate"), () -> {
                    AlphaDropout dropout = new AlphaDropout(rate).name(name);
                    return seed == null ? dropout : dropout.seed(seed);
                });
            }
            case "Flatten" -> {
                config.onlyFields(with(common, "data_format"));
                String format = config.textOr("data_format", "channels_last");
                yield checked(config.child("data_format"), () -> new Flatten(format).name(name));
            }
            default -> throw new IllegalArgumentException(className);
        };
        return layer;
    }

    /** Whether {@link #write} writes this layer. */
    static boolean writes(Layer layer) {
        return CLASS_NAMES.contains(layer.className());
    }

    /** Writes the layer's own keys into {@code config}, in Keras 3's names. */
    static void write(Layer layer, ObjectNode config) {
        if (layer instanceof LeakyReLU leaky) {
            config.put("negative_slope", leaky.negativeSlope());
        } else if (layer instanceof ReLU relu) {
            if (relu.maxValue() == Double.POSITIVE_INFINITY) {
                config.putNull("max_value");
            } else {
                config.put("max_value", relu.maxValue());
            }
            config.put("negative_slope", relu.negativeSlope());
            config.put("threshold", relu.threshold());
        } else if (layer instanceof ELU elu) {
            config.put("alpha", elu.alpha());
        } else if (layer instanceof Softmax softmax) {
            config.put("axis", softmax.axis());
        } else if (layer instanceof PReLU prelu) {
            config.set("alpha_initializer", ModelWriter.initializer(prelu.alphaInitializer()));
            for (String absent : List.of("alpha_regularizer", "alpha_constraint", "shared_axes")) {
                config.putNull(absent);
            }
        } else if (layer instanceof GaussianNoise noise) {
            config.put("stddev", noise.stddev());
            putSeed(config, noise.seed());
        } else if (layer instanceof GaussianDropout dropout) {
            config.put("rate", dropout.rate());
            putSeed(config, dropout.seed());
        } else if (layer instanceof AlphaDropout dropout) {
            config.put("rate", dropout.rate());
            putSeed(config, dropout.seed());
            config.putNull("noise_shape");
        } else if (layer instanceof Flatten flatten) {
            config.put("data_format", flatten.dataFormat());
        } else {
            throw new IllegalArgumentException("Cannot save layer type " + layer.className());
        }
    }

    private static void putSeed(ObjectNode config, Long seed) {
        if (seed == null) {
            config.putNull("seed");
        } else {
            config.put("seed", seed);
        }
    }

    /** Runs the constructor once now, so that a value it refuses is reported at its JSON path. */
    private static Supplier<Layer> checked(JsonCursor at, Supplier<Layer> layer) throws ModelFormatException {
        try {
            layer.get();
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
        return layer;
    }

    private static Set<String> with(Set<String> common, String... keys) {
        Set<String> all = new HashSet<>(common);
        all.addAll(List.of(keys));
        return all;
    }

    private static void onlyNull(JsonCursor config, String... keys) throws ModelFormatException {
        for (String key : keys) {
            if (config.has(key)) {
                throw config.child(key).error("is not supported by Lamina (only null is accepted), found "
                        + JsonCursor.describe(config.node().get(key)));
            }
        }
    }

    private static Long seed(JsonCursor config) throws ModelFormatException {
        return config.has("seed") ? config.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE) : null;
    }

    /** Keras's axis: an integer, or (Keras 3) a list of one integer. */
    private static int axis(JsonCursor config) throws ModelFormatException {
        JsonNode node = config.node().get("axis");
        if (node.isArray()) {
            List<JsonCursor> axes = config.array("axis");
            if (axes.size() != 1) {
                throw config.child("axis").error("Lamina's Softmax runs over one axis (-1); found " + node);
            }
            return (int) axes.get(0).asInteger(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return (int) config.integer("axis", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
