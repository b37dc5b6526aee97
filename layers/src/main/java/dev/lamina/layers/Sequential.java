package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
 * <p>Threading: any number of threads may call {@link #predict} and {@link #evaluate} at once, also while another
 * thread runs {@link #fit}; each prediction batch sees the weights between two optimizer steps (a read-write lock
 * guards them). Only one {@code fit} may run at a time: a second one fails with {@link IllegalStateException}.
 *
 * <p>Everything is float32 unless {@link #dataType(DataType)} chooses float64 (useful for gradient checks).
 */
public final class Sequential {

    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, Integer> nameCounters = new HashMap<>();
    private DataType dataType = DataType.FLOAT;
    private Random random;
    private Long seed;

    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private final ModelChecks checks = new ModelChecks(this);

    private volatile SmallBatchPredictor smallBatch;
    private volatile long weightsVersion;
    private volatile PackedWeights packed;
    final ReentrantReadWriteLock weightsLock = new ReentrantReadWriteLock();
    private volatile boolean training;
    volatile boolean stopTraining;

    /** An empty model named {@code sequential}. */
    public Sequential() {
        this("sequential");
    }

    /** An empty model with a name. */
    public Sequential(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A model name must be non-blank");
        }
        this.name = name;
    }

    /** A model of these layers, in order. */
    public Sequential(Layer... layers) {
        this();
        for (Layer layer : layers) {
            add(layer);
        }
    }

    public String name() {
        return name;
    }

    /** Seeds weight initialisation and shuffling, for reproducible runs; call before adding layers. */
    public Sequential seed(long seed) {
        if (layers.stream().anyMatch(Layer::isBuilt)) {
            throw new IllegalStateException("Set the seed before adding built layers (the weights are drawn at build).");
        }
        this.seed = seed;
        this.random = new Random(seed);
        return this;
    }

    /** The seed set with {@link #seed(long)}, or null. */
    public Long seed() {
        return seed;
    }

    /** Sets the floating-point type of weights and computations (default FLOAT); call before adding layers. */
    public Sequential dataType(DataType dataType) {
        if (!layers.isEmpty()) {
            throw new IllegalStateException("Set the data type before adding layers.");
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("Lamina computes in FLOAT or DOUBLE. Received: " + dataType);
        }
        this.dataType = dataType;
        return this;
    }

    public DataType dataType() {
        return dataType;
    }

    private Random random() {
        if (random == null) {
            random = new Random();
        }
        return random;
    }

    // ---- building ----------------------------------------------------------------------------------------------

    /** Appends a layer; builds it at once when the input width is known. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Cannot add a null layer");
        }
        if (training) {
            throw new IllegalStateException("Cannot add layers while fit() runs");
        }
        if (layers.contains(layer) || layer.isBuilt()) {
            throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' already belongs to a "
                    + "model; create a new layer instead.");
        }
        String base = layer.className().toLowerCase(java.util.Locale.ROOT);
        if (layer.name() == null) {
            int count = nameCounters.merge(base, 1, Integer::sum) - 1;
            layer.assignName(count == 0 ? base : base + "_" + count);
        } else if (layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new IllegalArgumentException("A layer named '" + layer.name() + "' is already in the model; layer "
                    + "names must be unique.");
        }
        long declared = layer instanceof Dense d ? d.declaredInputSize() : -1;
        if (!layers.isEmpty()) {
            Layer previous = layers.get(layers.size() - 1);
            if (previous.isBuilt() && declared > 0 && declared != previous.outputSize()) {
                throw new IllegalArgumentException(layer.className() + " '" + layer.name() + "' declares inputDim="
                        + declared + " but the previous layer '" + previous.name() + "' outputs "
                        + previous.outputSize() + " columns.");
            }
        }
        layers.add(layer);
        if (layers.size() == 1 && declared > 0) {
            buildFrom(0, declared);
        } else if (layers.size() > 1 && layers.get(layers.size() - 2).isBuilt()) {
            buildFrom(layers.size() - 1, layers.get(layers.size() - 2).outputSize());
        }
        invalidatePacking();
        return this;
    }

    private void buildFrom(int index, long inputSize) {
        long size = inputSize;
        for (int i = index; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!layer.isBuilt()) {
                layer.build(size, random(), dataType);
            }
            size = layer.outputSize();
        }
    }

    /** Builds every layer for inputs of {@code inputSize} columns (Keras's {@code build}); done on first use too. */
    public Sequential build(long inputSize) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("The model has no layers; add() some first.");
        }
        if (isBuilt()) {
            if (inputSize() != inputSize) {
                throw new IllegalArgumentException("Model '" + name + "' is built for " + inputSize()
                        + " input columns, not " + inputSize + ".");
            }
            return this;
        }
        buildFrom(0, inputSize);
        invalidatePacking();
        return this;
    }

    public boolean isBuilt() {
        return !layers.isEmpty() && layers.get(layers.size() - 1).isBuilt();
    }

    /** The layers, in order (read-only). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Input width, or -1 before the model is built. */
    public long inputSize() {
        return layers.isEmpty() ? -1 : layers.get(0).inputSize();
    }

    /** Output width, or -1 before the model is built. */
    public long outputSize() {
        return isBuilt() ? layers.get(layers.size() - 1).outputSize() : -1;
    }

    private void requireBuilt(String action) {
        if (!isBuilt()) {
            throw new IllegalStateException("Cannot " + action + ": model '" + name + "' is not built. Give the first "
                    + "layer an input dimension (new Dense(16, \"relu\", 10000)) or call build(inputColumns).");
        }
    }

    // ---- weights -----------------------------------------------------------------------------------------------

    private void invalidatePacking() {
        packed = null;
    }

    /** Packs every weight into one flat buffer (and gradients into another) so the optimizer works in one pass. */
    void packWeights() {
        if (packed != null) {
            return;
        }
        weightsLock.writeLock().lock();
        try {
            packed = PackedWeights.of(layers, dataType);
            weightsChanged();
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /** Marks the weights as changed, so that the small-batch predictor refreshes its copies. */
    void weightsChanged() {
        weightsVersion++;
    }

    INDArray flatParameters() {
        packWeights();
        return packed.parameters();
    }

    INDArray flatGradients() {
        packWeights();
        return packed.gradients();
    }

    List<INDArray> gradientViews() {
        packWeights();
        return packed.gradientViews();
    }

    /** Copies of every weight tensor, layer by layer (kernel then bias), like Keras's {@code get_weights()}. */
    public List<INDArray> getWeights() {
        weightsLock.readLock().lock();
        try {
            List<INDArray> copies = new ArrayList<>();
            for (Layer layer : layers) {
                for (INDArray w : layer.weights()) {
                    copies.add(w.dup('c'));
                }
            }
            return copies;
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /** Replaces every weight tensor, in {@link #getWeights()} order; shapes must match exactly. */
    public void setWeights(List<INDArray> weights) {
        requireBuilt("set weights");
        List<INDArray> targets = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Layer layer : layers) {
            List<String> names = layer.weightNames();
            List<INDArray> ws = layer.weights();
            for (int i = 0; i < ws.size(); i++) {
                targets.add(ws.get(i));
                labels.add(layer.name() + "/" + names.get(i));
            }
        }
        if (weights == null || weights.size() != targets.size()) {
            throw new IllegalArgumentException("Model '" + name + "' has " + targets.size() + " weight tensors "
                    + labels + "; received " + (weights == null ? "null" : weights.size()) + ".");
        }
        for (int i = 0; i < targets.size(); i++) {
            INDArray w = weights.get(i);
            if (w == null || !Arrays.equals(w.shape(), targets.get(i).shape())) {
                throw new IllegalArgumentException("Weight " + labels.get(i) + " has shape "
                        + Arrays.toString(targets.get(i).shape()) + "; received "
                        + (w == null ? "null" : Arrays.toString(w.shape())) + ".");
            }
            if (NonFinite.any(w)) {
                throw new IllegalArgumentException("Weight " + labels.get(i) + " contains NaN or infinite values.");
            }
        }
        weightsLock.writeLock().lock();
        try {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).assign(weights.get(i).castTo(dataType));
            }
            weightsChanged();
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /** Total number of trainable scalars. */
    public long countParams() {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.parameterCount();
        }
        return total;
    }

    // ---- inference ---------------------------------------------------------------------------------------------

    /** Predicts in batches of 32 (Keras's default). */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    /** Predicts {@code [n, outputSize]} for {@code x [n, inputSize]}, {@code batchSize} rows at a time. */
    public INDArray predict(INDArray x, int batchSize) {
        INDArray input = checkFeatures(x, "predict", false); // values are checked per batch, after the first layer
        checkBatchSize(batchSize);
        long n = input.size(0);
        INDArray out = Nd4j.create(dataType, n, outputSize());
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = n <= batchSize ? input : input.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray result = forwardInference(batch);
            if (n <= batchSize) {
                return result;
            }
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(result);
            result.close();
        }
        return out;
    }

    /** Predicts for sparse rows (bag-of-words input), in batches of 32. */
    public INDArray predict(SparseRows x) {
        return predict(x, 32);
    }

    /** Predicts for sparse rows, {@code batchSize} rows at a time. */
    public INDArray predict(SparseRows x, int batchSize) {
        checkSparse(x, "predict");
        checkBatchSize(batchSize);
        int n = (int) x.rows();
        INDArray out = Nd4j.create(dataType, n, outputSize());
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            INDArray result = forwardInference(n <= batchSize ? x : x.slice(start, end));
            if (n <= batchSize) {
                return result;
            }
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(result);
            result.close();
        }
        return out;
    }

    INDArray forwardInference(Object batch) {
        weightsLock.readLock().lock();
        try {
            long rows = batch instanceof SparseRows sparse ? sparse.rows() : ((INDArray) batch).size(0);
            if (rows <= SmallBatchPredictor.MAX_ROWS && dataType == DataType.FLOAT) {
                SmallBatchPredictor predictor = smallBatchPredictor();
                if (predictor != null) {
                    return batch instanceof SparseRows sparse ? sparse.predictWith(predictor)
                            : predictor.predict((INDArray) batch);
                }
            }
            INDArray h;
            int first;
            if (batch instanceof SparseRows sparse) {
                h = firstDense("predict").call(sparse);
                first = 1;
            } else {
                // NaN or infinity in a row makes its pre-activation non-finite (NaN * 0 is NaN): check that instead
                INDArray input = (INDArray) batch;
                Layer firstLayer = layers.get(0);
                INDArray z = firstLayer.callPreActivation(input);
                if (NonFinite.any(z)) {
                    throw NonFinite.inputError(input, "predict");
                }
                h = firstLayer.activation().applyInto(z, z);
                first = 1;
            }
            for (int i = first; i < layers.size(); i++) {
                INDArray next = layers.get(i).call(h);
                if (h != batch) {
                    h.close();
                }
                h = next;
            }
            return h == batch ? h.dup() : h;
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /** The small-batch predictor for the current weights (rebuilt after they change); call under the read lock. */
    private SmallBatchPredictor smallBatchPredictor() {
        SmallBatchPredictor predictor = smallBatch;
        long version = weightsVersion;
        if (predictor == null || predictor.version() != version) {
            predictor = SmallBatchPredictor.of(layers, version);
            smallBatch = predictor;
        }
        return predictor;
    }

    private Dense firstDense(String action) {
        if (!(layers.get(0) instanceof Dense dense)) {
            throw new IllegalArgumentException("Cannot " + action + " on sparse rows: the first layer must be Dense, "
                    + "not " + layers.get(0).className() + ".");
        }
        return dense;
    }

    void checkSparse(SparseRows x, String action) {
        if (x == null) {
            throw new IllegalArgumentException(action + ": x is null");
        }
        if (!isBuilt()) {
            build(x.columns());
        }
        firstDense(action);
        if (x.columns() != inputSize()) {
            throw new IllegalArgumentException(action + ": model '" + name + "' expects " + inputSize()
                    + " input columns; the sparse rows have " + x.columns() + ".");
        }
        if (dataType != DataType.FLOAT) {
            throw new IllegalArgumentException(action + ": sparse rows need a FLOAT model");
        }
    }

    /** Validates {@code x}: rank 2, the model's width (building the model on first use), finite; cast to dataType. */
    INDArray checkFeatures(INDArray x, String action) {
        return checkFeatures(x, action, true);
    }

    /**
     * As {@link #checkFeatures(INDArray, String)}; with {@code scanValues} false the NaN/infinity scan of the whole
     * input is left to {@link #forwardInference}, which checks each batch's first-layer output instead (16 columns
     * rather than 10,000: a scan of 25,000 IMDB rows costs as much as predicting them).
     */
    INDArray checkFeatures(INDArray x, String action, boolean scanValues) {
        if (x == null) {
            throw new IllegalArgumentException(action + ": x is null");
        }
        if (x.rank() != 2) {
            throw new IllegalArgumentException(action + ": expected x of rank 2 [samples, features]; got shape "
                    + Arrays.toString(x.shape()) + ". Reshape it, e.g. x.reshape(n, features).");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("Cannot " + action + ": the model has no layers.");
        }
        if (!isBuilt()) {
            if (layers.get(0).isBuilt() || inputSize() > 0) {
                requireBuilt(action);
            }
            build(x.size(1));
        }
        if (x.size(1) != inputSize()) {
            throw new IllegalArgumentException(layers.get(0).className() + " '" + layers.get(0).name() + "' expects "
                    + inputSize() + " input columns, got " + Arrays.toString(x.shape()) + ".");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(action + ": x has no rows");
        }
        if (scanValues && NonFinite.any(x)) {
            throw NonFinite.inputError(x, action);
        }
        INDArray input = x.dataType() == dataType ? x : x.castTo(dataType);
        return input.ordering() == 'c' ? input : input.dup('c');
    }

    static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + batchSize);
        }
    }

    // ---- training ----------------------------------------------------------------------------------------------

    /** Compiles with an optimizer, loss and metrics by name: {@code compile("rmsprop", "binary_crossentropy", "accuracy")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** Compiles with an optimizer object, a loss by name, and metrics. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /** Compiles with an optimizer by name, a loss object, and metrics. */
    public void compile(String optimizer, Loss loss, String... metrics) {
        compile(Optimizers.get(optimizer), loss, metrics);
    }

    /** Compiles with an optimizer object, a loss object, and metrics by name. */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        compile(optimizer, loss, CompileOptions.DEFAULT, metrics);
    }

    /**
     * Compiles with options (e.g. {@link CompileOptions#strict()}, which turns guard-rail warnings into errors).
     */
    public void compile(Optimizer optimizer, Loss loss, CompileOptions options, String... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss (received "
                    + optimizer + ", " + loss + ").");
        }
        if (training) {
            throw new IllegalStateException("Cannot compile while fit() runs");
        }
        List<String> names = metrics == null ? List.of() : List.of(metrics);
        for (String metric : names) {
            dev.lamina.core.metric.Metrics.check(metric);
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metricNames = names;
        checks.reset(options);
        checks.atCompile();
    }

    public boolean isCompiled() {
        return loss != null;
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The compiled loss, or null. */
    public Loss loss() {
        return loss;
    }

    /** Metric names given to compile. */
    public List<String> metricNames() {
        return metricNames;
    }

    ModelChecks checks() {
        return checks;
    }

    /** The guard-rail warnings raised for this model since it was last compiled (each is also logged once). */
    public List<String> warnings() {
        return checks.warnings();
    }

    void requireCompiled(String action) {
        if (loss == null) {
            throw new IllegalStateException("Cannot " + action + ": model '" + name + "' is not compiled. Call "
                    + "model.compile(\"rmsprop\", \"binary_crossentropy\", \"accuracy\") (or your choice) first.");
        }
    }

    /** Trains on dense features; see {@link FitOptions} for epochs, batch size, validation and callbacks. */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return beginTraining(() -> new TrainingLoop(this, options).fit(x, y));
    }

    /** Trains on sparse rows (bag-of-words input). */
    public History fit(SparseRows x, INDArray y, FitOptions options) {
        return beginTraining(() -> new TrainingLoop(this, options).fit(x, y));
    }

    private History beginTraining(java.util.function.Supplier<History> body) {
        synchronized (this) {
            if (training) {
                throw new IllegalStateException("Model '" + name + "' is already training in another thread; one "
                        + "fit() at a time.");
            }
            training = true;
        }
        try {
            stopTraining = false;
            return body.get();
        } finally {
            training = false;
        }
    }

    /** Asks a running {@code fit} to stop after the current batch (what {@code EarlyStopping} uses). */
    public void stopTraining() {
        stopTraining = true;
    }

    /** Loss and metrics on {@code (x, y)}, in batches of 32. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics on {@code (x, y)}, {@code batchSize} rows at a time; independent of the batch size. */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        return new TrainingLoop(this, FitOptions.epochs(1).batchSize(batchSize)).evaluate(x, y);
    }

    /** Loss and metrics on sparse rows, in batches of 32. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics on sparse rows, {@code batchSize} rows at a time. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y, int batchSize) {
        return new TrainingLoop(this, FitOptions.epochs(1).batchSize(batchSize)).evaluate(x, y);
    }

    /** The activation of the last layer (what the loss sees), or null for an empty model. */
    public ActivationFunction outputActivation() {
        return layers.isEmpty() ? null : layers.get(layers.size() - 1).activation();
    }

    // ---- summary -----------------------------------------------------------------------------------------------

    /** Prints a Keras-style table (layer, output shape, parameters) to standard output. */
    public void summary() {
        summary(System.out);
    }

    /** Prints the summary to {@code out}. */
    public void summary(PrintStream out) {
        out.print(summaryText());
    }

    /** The summary table as text. */
    public String summaryText() {
        return ModelSummary.text(name, layers, countParams(), dataType.width());
    }

    // ---- persistence (implemented by lamina-serialization) -----------------------------------------------------

    /** Saves the model to one JSON file, atomically; needs {@code lamina-serialization} on the class path. */
    public void save(Path path) throws IOException {
        store().save(this, path);
    }

    /** Loads a model saved by {@link #save(Path)}; custom activations must be registered first. */
    public static Sequential load(Path path) throws IOException {
        return store().load(path);
    }

    private static ModelStore store() {
        return ServiceLoader.load(ModelStore.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "No model file format on the class path. Add the dependency dev.lamina:lamina-serialization."));
    }

    @Override
    public String toString() {
        return "Sequential[" + name + ", " + layers + "]";
    }
}
