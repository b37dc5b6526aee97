package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Model}: what every model offers once its layers are stacked — weights, {@code compile},
 * {@code fit}, {@code evaluate}, {@code predict} and {@code summary}. The work is done by {@link Trainer},
 * {@link Evaluator} and {@link Predictor} through the one forward pass, {@link Pass}; {@link Sequential} adds the
 * stacking of layers and the model file.
 *
 * <pre>{@code
 * Model model = new Sequential().add(new Dense(1, "sigmoid", 100));
 * model.compile("adam", "binary_crossentropy", "accuracy");
 * model.fit(x, y, FitOptions.epochs(4));
 * }</pre>
 *
 * <p>Threading: any number of threads may call {@link #predict} and {@link #evaluate} at once, also while another
 * thread runs {@link #fit}; each prediction batch sees the weights between two optimizer steps (a read-write lock
 * guards them). Only one {@code fit} may run at a time: a second one fails with {@link IllegalStateException}.
 */
public abstract class Model {

    private final String name;
    private DataType dataType = DataType.FLOAT;
    private ModelWeights weights;
    private Compilation compilation;
    private final ModelChecks checks = new ModelChecks(this);
    private final AtomicBoolean training = new AtomicBoolean();
    private volatile boolean stopRequested;
    private TrainingPosition resumePosition;
    private long shuffleSeed;

    Model(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A model name must be non-blank");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The floating-point type of weights and computations (FLOAT unless chosen otherwise). */
    public DataType dataType() {
        return dataType;
    }

    void setDataType(DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("Lamina computes in FLOAT or DOUBLE. Received: " + dataType);
        }
        this.dataType = dataType;
        this.weights = null;
    }

    /** The layers, in order (read-only). */
    public abstract List<Layer> layers();

    /** Whether every layer has its input width and weights. */
    public abstract boolean isBuilt();

    /** Builds every layer for inputs of {@code inputSize} columns (Keras's {@code build}); done on first use too. */
    public abstract Model build(long inputSize);

    /** The seed of weight initialisation and shuffling, or null. */
    public abstract Long seed();

    /** Input width, or -1 before the model is built. */
    public long inputSize() {
        return layers().isEmpty() ? -1 : layers().get(0).inputSize();
    }

    /** Output width, or -1 before the model is built. */
    public long outputSize() {
        return isBuilt() ? layers().get(layers().size() - 1).outputSize() : -1;
    }

    boolean isTraining() {
        return training.get();
    }

    void requireBuilt(String action) {
        if (!isBuilt()) {
            throw new IllegalStateException("Cannot " + action + ": model '" + name + "' is not built. Give the first "
                    + "layer an input dimension (new Dense(16, \"relu\", 10000)) or call build(inputColumns).");
        }
    }

    /** The packed weights, their Java copy and the lock between inference and training. */
    ModelWeights weights() {
        if (weights == null) {
            weights = new ModelWeights(layers(), dataType);
        }
        return weights;
    }

    /** Copies of every weight tensor, layer by layer (kernel then bias), like Keras's {@code get_weights()}. */
    public List<INDArray> getWeights() {
        return weights().copies();
    }

    /** Replaces every weight tensor, in {@link #getWeights()} order; shapes must match exactly. */
    public void setWeights(List<INDArray> values) {
        requireBuilt("set weights");
        weights().set(name, values);
    }

    /** Number of trainable scalars (Keras's {@code Trainable params}): the length of each optimizer slot. */
    public long countTrainableParams() {
        long total = 0;
        for (Layer layer : layers()) {
            total += layer.trainableParameterCount();
        }
        return total;
    }

    /**
     * Drops the optimizer's slots when they were made for other trainable weights (a layer was frozen or unfrozen
     * since), keeping its step count: as after Keras's recompile, the slots start again from zeros.
     */
    void alignOptimizerState() {
        Optimizer optimizer = optimizer();
        long trainable = countTrainableParams();
        if (optimizer != null && optimizer.state().values().stream().anyMatch(s -> s.length() != trainable)) {
            optimizer.restoreState(Map.of(), optimizer.iterations());
        }
    }

    /** Total number of scalars in all weights, trainable or not (Keras's {@code count_params()}). */
    public long countParams() {
        long total = 0;
        for (Layer layer : layers()) {
            total += layer.parameterCount();
        }
        return total;
    }

    /** The activation of the last layer (what the loss sees), or null for an empty model. */
    public ActivationFunction outputActivation() {
        List<Layer> layers = layers();
        return layers.isEmpty() ? null : layers.get(layers.size() - 1).activation();
    }

    // ---- compile -----------------------------------------------------------------------------------------------

    /**
     * Compiles with an optimizer, loss and metrics by name: {@code compile("rmsprop", "binary_crossentropy", "accuracy")}.
     * A metric is a name ({@code "accuracy"}, logged under that name) or a {@link Metric} object such as
     * {@code new Precision(null, 2, null)} or {@code new F1Score("f1_macro", "macro", 0.5)} (logged under its
     * {@code name()}); each fit and evaluation works on a fresh copy of an object, so its state is never shared.
     */
    public void compile(String optimizer, String loss, Object... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** Compiles with an optimizer object, a loss by name, and metrics (names or {@link Metric} objects). */
    public void compile(Optimizer optimizer, String loss, Object... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /** Compiles with an optimizer by name, a loss object, and metrics (names or {@link Metric} objects). */
    public void compile(String optimizer, Loss loss, Object... metrics) {
        compile(Optimizers.get(optimizer), loss, metrics);
    }

    /** Compiles with an optimizer object, a loss object, and metrics (names or {@link Metric} objects). */
    public void compile(Optimizer optimizer, Loss loss, Object... metrics) {
        compile(optimizer, loss, CompileOptions.DEFAULT, metrics);
    }

    /** Compiles with options (e.g. {@link CompileOptions#strict()}, which turns guard-rail warnings into errors). */
    public void compile(Optimizer optimizer, Loss loss, CompileOptions options, Object... metrics) {
        if (training.get()) {
            throw new IllegalStateException("Cannot compile while fit() runs");
        }
        compilation = Compilation.of(optimizer, loss, metrics);
        checks.reset(options);
        checks.atCompile();
    }

    public boolean isCompiled() {
        return compilation != null;
    }

    /** The compiled optimizer, or null. */
    public Optimizer optimizer() {
        return compilation == null ? null : compilation.optimizer();
    }

    /** The compiled loss, or null. */
    public Loss loss() {
        return compilation == null ? null : compilation.loss();
    }

    /** The names the compiled metrics log under (a name given to compile, or a metric object's name). */
    public List<String> metricNames() {
        return compilation == null ? List.of() : compilation.metricNames();
    }

    /** The metrics given to compile, as given: names ({@code String}) and {@link Metric} objects (templates). */
    public List<Object> metrics() {
        return compilation == null ? List.of() : compilation.metrics();
    }

    ModelChecks checks() {
        return checks;
    }

    /** The guard-rail warnings raised for this model since it was last compiled (each is also logged once). */
    public List<String> warnings() {
        return checks.warnings();
    }

    void requireCompiled(String action) {
        if (compilation == null) {
            throw new IllegalStateException("Cannot " + action + ": model '" + name + "' is not compiled. Call "
                    + "model.compile(\"rmsprop\", \"binary_crossentropy\", \"accuracy\") (or your choice) first.");
        }
    }

    // ---- fit, evaluate, predict (Trainer, Evaluator, Predictor) ------------------------------------------------

    /** Trains on dense features; see {@link FitOptions} for epochs, batch size, validation and callbacks. */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return fitRows(x, y, options);
    }

    /** Trains on sparse rows (bag-of-words input). */
    public History fit(SparseRows x, INDArray y, FitOptions options) {
        return fitRows(x, y, options);
    }

    /**
     * Trains on batches read from a source (Keras's {@code fit} given a {@code PyDataset} or generator): a pass per
     * epoch, or {@link FitOptions#stepsPerEpoch} batches; the batches carry labels and sample weights, so
     * {@code validationSplit} and {@code sampleWeights} do not apply, and their size is the batch size
     * ({@code FitOptions.batchSize} sizes array batches only). Shuffle the source itself ({@link BatchSource#shuffled}).
     *
     * <pre>{@code
     * model.fit(CsvSource.of(files).labels("y").batchSize(512), FitOptions.epochs(4));
     * }</pre>
     */
    public History fit(BatchSource source, FitOptions options) {
        return fitRows(source, null, options);
    }

    private History fitRows(Object x, INDArray y, FitOptions options) {
        if (!training.compareAndSet(false, true)) {
            throw new IllegalStateException("Model '" + name + "' is already training in another thread; one "
                    + "fit() at a time.");
        }
        try {
            stopRequested = false;
            resumePosition = null;
            Trainer trainer = new Trainer(this, options);
            return x instanceof BatchSource source ? trainer.fit(source) : trainer.fit(x, y);
        } finally {
            training.set(false);
        }
    }

    /** Asks a running {@code fit} to stop after the current batch (what {@code EarlyStopping} uses). */
    public void stopTraining() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Set by {@link BackupAndRestore} in {@code onTrainBegin}: where the running {@code fit} resumes. */
    void resumeAt(TrainingPosition position) {
        resumePosition = position;
    }

    /** The position a callback asked {@code fit} to resume at, or null; taken once. */
    TrainingPosition takeResumePosition() {
        TrainingPosition position = resumePosition;
        resumePosition = null;
        return position;
    }

    /** The shuffling seed of the running {@code fit} (what {@link BackupAndRestore} saves to resume exactly). */
    long shuffleSeed() {
        return shuffleSeed;
    }

    void shuffleSeed(long seed) {
        shuffleSeed = seed;
    }

    /** Loss and metrics on {@code (x, y)}, in batches of 32. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics on {@code (x, y)}, {@code batchSize} rows at a time; independent of the batch size. */
    public Map<String, Double> evaluate(INDArray x, INDArray y, int batchSize) {
        return Evaluator.evaluate(this, x, y, null, batchSize);
    }

    /**
     * Loss and metrics on {@code (x, y)} with one non-negative weight per row (Keras's {@code sample_weight}), in
     * batches of 32: the loss is {@code sum(w * loss) / n}, as in training, and each metric is weighted (a weighted
     * mean, or weighted true/false positives).
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y, INDArray sampleWeights) {
        return evaluate(x, y, sampleWeights, 32);
    }

    /** Weighted loss and metrics on {@code (x, y)}, {@code batchSize} rows at a time. */
    public Map<String, Double> evaluate(INDArray x, INDArray y, INDArray sampleWeights, int batchSize) {
        return Evaluator.evaluate(this, x, y, sampleWeights, batchSize);
    }

    /** Loss and metrics on sparse rows, in batches of 32. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /** Loss and metrics on sparse rows, {@code batchSize} rows at a time. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y, int batchSize) {
        return Evaluator.evaluate(this, x, y, null, batchSize);
    }

    /** Weighted loss and metrics on sparse rows, in batches of 32. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y, INDArray sampleWeights) {
        return evaluate(x, y, sampleWeights, 32);
    }

    /** Weighted loss and metrics on sparse rows, {@code batchSize} rows at a time. */
    public Map<String, Double> evaluate(SparseRows x, INDArray y, INDArray sampleWeights, int batchSize) {
        return Evaluator.evaluate(this, x, y, sampleWeights, batchSize);
    }

    /** Loss and metrics over one pass of a batch source (its batches carry labels and, optionally, weights). */
    public Map<String, Double> evaluate(BatchSource source) {
        return Evaluator.evaluate(this, source);
    }

    /** The outputs for one pass of a batch source, {@code [rows of all batches, outputSize]}; labels are ignored. */
    public INDArray predict(BatchSource source) {
        return Predictor.predict(this, source);
    }

    /** Predicts in batches of 32 (Keras's default). */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    /** Predicts {@code [n, outputSize]} for {@code x [n, inputSize]}, {@code batchSize} rows at a time. */
    public INDArray predict(INDArray x, int batchSize) {
        return Predictor.predict(this, x, batchSize);
    }

    /** Predicts for sparse rows (bag-of-words input), in batches of 32. */
    public INDArray predict(SparseRows x) {
        return predict(x, 32);
    }

    /** Predicts for sparse rows, {@code batchSize} rows at a time. */
    public INDArray predict(SparseRows x, int batchSize) {
        return Predictor.predict(this, x, batchSize);
    }

    /**
     * Predicts one or more rows given as plain values ({@code inputSize} per row, one row after another) into a new
     * array of {@code outputSize} values per row.
     */
    public float[] predict(float[] features) {
        return ArrayPredictor.predict(this, features, null);
    }

    /**
     * Predicts rows given as plain values into {@code out} ({@code outputSize} values per row) and returns it. For a
     * float32 model this allocates nothing: the way for a service to predict row by row with a flat heap.
     * Thread-safe, like {@link #predict(INDArray)}.
     */
    public float[] predict(float[] features, float[] out) {
        return ArrayPredictor.predict(this, features, out);
    }

    /** Predicts one sparse row: {@code values} at column {@code indices} ({@code values} null: all ones). */
    public float[] predict(int[] indices, float[] values) {
        requireBuilt("predict");
        return predict(indices, values, new float[(int) outputSize()]);
    }

    /**
     * Predicts one sparse row into {@code out} and returns it; allocates nothing for a float32 model. Each of
     * {@code indices} must lie in [0, inputSize); {@code values} null means all ones (a multi-hot row).
     */
    public float[] predict(int[] indices, float[] values, float[] out) {
        return ArrayPredictor.predictSparse(this, indices, values, out);
    }

    // ---- summary and files -------------------------------------------------------------------------------------

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
        return ModelSummary.text(name, layers(), countParams(), countTrainableParams(), dataType.width());
    }
}
