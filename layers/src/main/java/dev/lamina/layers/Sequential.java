package dev.lamina.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras's {@code Sequential} model: a stack of layers trained and run as one.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(16, "relu", 10000));
 * model.add(new Dense(1, "sigmoid"));
 * model.compile("rmsprop", "binary_crossentropy", "accuracy");
 * History history = model.fit(x, y, FitOptions.epochs(4).batchSize(512));
 * INDArray p = model.predict(x);
 * }</pre>
 *
 * <p>Everything is float32 unless {@link #dataType(DataType)} chooses float64 (useful for gradient checks). Training,
 * evaluation, prediction and their threading rules come from {@link Model}.
 */
public final class Sequential extends Model {

    private final LayerStack stack = new LayerStack();

    /** An empty model named {@code sequential}. */
    public Sequential() {
        this("sequential");
    }

    /** An empty model with a name. */
    public Sequential(String name) {
        super(name);
    }

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        this();
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** A model whose input width {@code input} declares, then these layers, in order. */
    public Sequential(InputLayer input, Layer... layers) {
        this();
        add(input);
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Seeds weight initialisation and shuffling, for reproducible runs; call before adding layers. */
    public Sequential seed(long seed) {
        stack.seed(seed);
        return this;
    }

    @Override
    public Long seed() {
        return stack.seed();
    }

    /** Sets the floating-point type of weights and computations (default FLOAT); call before adding layers. */
    public Sequential dataType(DataType dataType) {
        if (!stack.layers().isEmpty()) {
            throw new IllegalStateException("Set the data type before adding layers.");
        }
        setDataType(dataType);
        return this;
    }

    /** Appends a layer; builds it at once when the input width is known. */
    public Sequential add(Layer layer) {
        if (isTraining()) {
            throw new IllegalStateException("Cannot add layers while fit() runs");
        }
        if (stack.add(layer, dataType())) {
            weights().repack();
        }
        return this;
    }

    /**
     * Declares the input width, as Keras's {@code model.add(keras.Input(shape=(n,)))}: the layers added after it are
     * built at once. It must come before the first layer and is not one of {@link #layers()}.
     */
    public Sequential add(InputLayer input) {
        if (isTraining()) {
            throw new IllegalStateException("Cannot add layers while fit() runs");
        }
        stack.input(input);
        return this;
    }

    @Override
    public Sequential build(long inputSize) {
        if (stack.layers().isEmpty()) {
            throw new IllegalStateException("The model has no layers; add() some first.");
        }
        if (isBuilt() && inputSize() != inputSize) {
            throw new IllegalArgumentException("Model '" + name() + "' is built for " + inputSize()
                    + " input columns, not " + inputSize + ".");
        }
        if (!isBuilt()) {
            stack.buildFrom(0, inputSize, dataType());
            weights().repack();
        }
        return this;
    }

    @Override
    public boolean isBuilt() {
        return stack.isBuilt();
    }

    @Override
    public List<Layer> layers() {
        return stack.layers();
    }

    /**
     * Saves the model to one file, atomically; needs {@code lamina-serialization} on the class path. A name ending in
     * {@code .keras} writes Keras 3's archive, which Python's {@code keras.models.load_model} opens; any other name
     * writes Lamina's JSON file.
     */
    public void save(Path path) throws IOException {
        store().save(this, path);
    }

    /**
     * Saves the weights alone as Keras 3's {@code save_weights} writes them (the name must end in
     * {@code .weights.h5}), for {@code model.load_weights(...)} in Python on the same architecture.
     */
    public void saveWeights(Path path) throws IOException {
        store().saveWeights(this, path);
    }

    /**
     * Loads a model saved by {@link #save(Path)}, or by Keras: a {@code .keras} archive (Keras 3, tf.keras 2.13+) or a
     * full-model {@code .h5} (Keras 1.2 to 3), the format recognised from the content. Custom activations must be
     * registered first. Needs {@code lamina-serialization} on the class path. As Keras's {@code load_model}, a file
     * with a compile configuration gives a compiled model (optimizer, loss, metrics, and Keras 3's optimizer state);
     * one Lamina cannot follow gives an uncompiled model and a logged warning.
     *
     * <pre>{@code
     * Sequential model = Sequential.load(Path.of("churn.keras"));
     * }</pre>
     */
    public static Sequential load(Path path) throws IOException {
        return store().load(path);
    }

    /**
     * Loads the classic Keras pair: the architecture JSON of {@code model.to_json()} and the weights of
     * {@code model.save_weights(...)} (Keras 3 {@code .weights.h5}, or the {@code .h5} of Keras 1 and 2). The model
     * is not compiled, as with Keras's {@code model_from_json}.
     *
     * <pre>{@code
     * Sequential model = Sequential.load(Path.of("model.json"), Path.of("model.weights.h5"));
     * }</pre>
     */
    public static Sequential load(Path architectureJson, Path weights) throws IOException {
        return store().load(architectureJson, weights);
    }

    private static ModelStore store() {
        return ServiceLoader.load(ModelStore.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "No model file format on the class path. Add the dependency dev.lamina:lamina-serialization."));
    }

    @Override
    public String toString() {
        return "Sequential[" + name() + ", " + stack.layers() + "]";
    }
}
