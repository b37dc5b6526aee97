package dev.lamina.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The ordered layers of a {@link Sequential}: unique names ({@code dense}, {@code dense_1}, ...), input widths
 * checked from layer to layer, and each layer built (its weights drawn from the seeded random source) as soon as its
 * input width is known.
 *
 * <pre>{@code
 * LayerStack stack = new LayerStack();
 * stack.add(new Dense(16, "relu", 100), DataType.FLOAT);   // built at once: the width is declared
 * }</pre>
 */
final class LayerStack {

    private final List<Layer> layers = new ArrayList<>();
    private final List<Layer> view = Collections.unmodifiableList(layers);
    private final Map<String, Integer> nameCounters = new HashMap<>();
    private Random random = new Random();
    private Long seed;
    private long declaredInput = -1;

    /** Seeds weight initialisation; only before any layer is built (the weights are drawn at build). */
    void seed(long seed) {
        if (anyBuilt()) {
            throw new IllegalStateException("Set the seed before adding built layers (the weights are drawn at build).");
        }
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed, or null. */
    Long seed() {
        return seed;
    }

    /** The layers, in order (read-only, live). */
    List<Layer> layers() {
        return view;
    }

    /** Declares the input width ({@link InputLayer}); only before the first layer, and once. */
    void input(InputLayer input) {
        if (input == null) {
            throw new IllegalArgumentException("Cannot add a null InputLayer");
        }
        if (!layers.isEmpty()) {
            throw new IllegalArgumentException(input + " must come before the first layer, but the model already "
                    + "has " + layers + ". Add the InputLayer first (new Sequential(new InputLayer(n), ...)), or give "
                    + "the first Dense its input dimension.");
        }
        if (declaredInput > 0) {
            throw new IllegalArgumentException("The model already declares an input of " + declaredInput
                    + " columns; add one InputLayer only.");
        }
        declaredInput = input.features();
    }

    /** Appends a layer, names it if unnamed, and builds it when its input width is known; true if it was built. */
    boolean add(Layer layer, DataType dataType) {
        if (layer == null) {
            throw new IllegalArgumentException("Cannot add a null layer");
        }
        if (layers.contains(layer) || layer.isBuilt()) {
            throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' already belongs to a "
                    + "model; create a new layer instead.");
        }
        String base = snakeCase(layer.className());
        if (layer.name() == null) {
            int count = nameCounters.merge(base, 1, Integer::sum) - 1;
            layer.assignName(count == 0 ? base : base + "_" + count);
        } else if (layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new IllegalArgumentException("A layer named '" + layer.name() + "' is already in the model; layer "
                    + "names must be unique.");
        }
        long declared = layer.declaredInputSize();
        Layer previous = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (previous != null && previous.isBuilt() && declared > 0 && declared != previous.outputSize()) {
            throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' declares inputDim="
                    + declared + " but the previous layer '" + previous.name() + "' outputs "
                    + previous.outputSize() + " columns.");
        }
        if (previous == null && declaredInput > 0 && declared > 0 && declared != declaredInput) {
            throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' declares inputDim="
                    + declared + " but the InputLayer gives " + declaredInput + " columns.");
        }
        layers.add(layer);
        if (previous == null && declaredInput > 0) {
            buildFrom(0, declaredInput, dataType);
        } else if (previous == null && declared > 0) {
            buildFrom(0, declared, dataType);
        } else if (previous != null && previous.isBuilt()) {
            buildFrom(layers.size() - 1, previous.outputSize(), dataType);
        }
        return layer.isBuilt();
    }

    /**
     * Keras's default layer name for a class name ({@code keras/src/utils/naming.py}, {@code to_snake_case}):
     * {@code Dense} → {@code dense}, {@code LeakyReLU} → {@code leaky_re_lu}, {@code PReLU} → {@code p_re_lu}.
     */
    static String snakeCase(String className) {
        String words = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return words.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Builds the unbuilt layers from {@code index} on, the first of them for {@code inputSize} columns. */
    void buildFrom(int index, long inputSize, DataType dataType) {
        long size = inputSize;
        for (int i = index; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!layer.isBuilt()) {
                layer.build(size, random, dataType);
            }
            size = layer.outputSize();
        }
    }

    boolean isBuilt() {
        return !layers.isEmpty() && layers.get(layers.size() - 1).isBuilt();
    }

    boolean anyBuilt() {
        return layers.stream().anyMatch(Layer::isBuilt);
    }

    long inputSize() {
        return layers.isEmpty() ? -1 : layers.get(0).inputSize();
    }

    long outputSize() {
        return isBuilt() ? layers.get(layers.size() - 1).outputSize() : -1;
    }

    long countParams() {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.parameterCount();
        }
        return total;
    }
}
