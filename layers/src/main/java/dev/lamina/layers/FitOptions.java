package dev.lamina.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings of one {@link Model#fit} call, with Keras's defaults: 1 epoch, batch size 32, shuffling on,
 * no validation, verbose 1. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * FitOptions options = FitOptions.epochs(4).batchSize(512).validationSplit(0.4).seed(7);
 * }</pre>
 *
 * @param epochs          the epoch to stop before (epochs are numbered from {@code initialEpoch})
 * @param batchSize       rows per optimizer step
 * @param shuffle         reshuffle the training rows before each epoch (via an index permutation)
 * @param validationSplit fraction of rows, taken from the end before shuffling, held out for validation
 * @param validationX     explicit validation features ({@code INDArray} or {@link SparseRows}), or a
 *                        {@link BatchSource} of labelled batches (read from the start after every epoch), or null
 * @param validationY     explicit validation labels (null with a source), or null
 * @param sampleWeights   one non-negative weight per row, or null; they weigh the loss and the metrics, and with
 *                        validationSplit the held-out rows keep theirs for the validation scores (as Keras)
 * @param initialEpoch    epoch to start from (to resume training)
 * @param verbose         0 silent, 1 progress bar (one line per epoch when not on a terminal), 2 one line per epoch
 * @param callbacks       called on train/epoch/batch begin and end
 * @param seed            shuffling seed, or null for the model's seed (or a random one)
 * @param classWeight     Keras's {@code class_weight}: a multiplier of the loss per class index (classes not in the
 *                        map: 1), folded into per-row weights of the training rows; or null
 * @param stepsPerEpoch   Keras's {@code steps_per_epoch}: batches per epoch, taken from a pass of the data that goes on
 *                        across epochs (a new pass starts when one ends); null: an epoch is one pass
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, double validationSplit, Object validationX,
                         INDArray validationY, INDArray sampleWeights, int initialEpoch, int verbose,
                         List<Callback> callbacks, Long seed, Map<Integer, Double> classWeight,
                         Integer stepsPerEpoch) {

    public FitOptions {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0. Received: " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1). Received: " + validationSplit);
        }
        if (validationX != null && !(validationX instanceof INDArray) && !(validationX instanceof SparseRows)
                && !(validationX instanceof BatchSource)) {
            throw new IllegalArgumentException("validation features must be an INDArray, SparseRows or a BatchSource");
        }
        if (validationX instanceof BatchSource ? validationY != null : (validationX == null) != (validationY == null)) {
            throw new IllegalArgumentException(validationX instanceof BatchSource
                    ? "validationData from a BatchSource takes no separate labels: its batches carry them"
                    : "validationData needs both features and labels");
        }
        if (stepsPerEpoch != null && stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("stepsPerEpoch must be > 0 (or null: one pass per epoch). Received: "
                    + stepsPerEpoch);
        }
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initialEpoch must be >= 0. Received: " + initialEpoch);
        }
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: " + verbose);
        }
        callbacks = List.copyOf(callbacks);
        if (classWeight != null) {
            if (sampleWeights != null) { // as Keras's ArrayDataAdapter
                throw new IllegalArgumentException("You cannot use classWeight and sampleWeights at the same time; "
                        + "fold the class weights into the sample weights instead.");
            }
            classWeight = Map.copyOf(classWeight);
            for (Map.Entry<Integer, Double> entry : classWeight.entrySet()) {
                if (!(entry.getValue() >= 0) || Double.isInfinite(entry.getValue())) {
                    throw new IllegalArgumentException("classWeight for class " + entry.getKey() + " must be finite "
                            + "and >= 0. Received: " + entry.getValue());
                }
            }
        }
    }

    /** Keras's defaults with {@code epochs} epochs. */
    public static FitOptions epochs(int epochs) {
        return new FitOptions(epochs, 32, true, 0.0, null, null, null, 0, 1, List.of(), null, null, null);
    }

    /** Keras's defaults: one epoch. */
    public static FitOptions defaults() {
        return epochs(1);
    }

    public FitOptions batchSize(int batchSize) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions shuffle(boolean shuffle) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions validationSplit(double validationSplit) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions validationData(INDArray x, INDArray y) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, x, y, sampleWeights, initialEpoch, verbose,
                callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions validationData(SparseRows x, INDArray y) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, x, y, sampleWeights, initialEpoch, verbose,
                callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions sampleWeights(INDArray sampleWeights) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions initialEpoch(int initialEpoch) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    public FitOptions verbose(int verbose) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    /** Adds callbacks to those already set. */
    public FitOptions callbacks(Callback... more) {
        List<Callback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(more));
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, all, seed, classWeight, stepsPerEpoch);
    }

    /** Keras's {@code class_weight}: {@code Map.of(0, 1.0, 1, 5.0)} weighs class 1's rows five times. */
    public FitOptions classWeight(Map<Integer, ? extends Number> classWeight) {
        Map<Integer, Double> weights = new HashMap<>();
        classWeight.forEach((k, v) -> weights.put(k, v.doubleValue()));
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, weights, stepsPerEpoch);
    }

    /**
     * A {@link BatchSource} of labelled batches as validation data (Keras's {@code validation_data} given a
     * {@code PyDataset}): a pass of it is scored after every epoch.
     */
    public FitOptions validationData(BatchSource source) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, source, null, sampleWeights, initialEpoch,
                verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }

    /**
     * Keras's {@code steps_per_epoch}: each epoch trains {@code steps} batches, continuing the pass of the previous
     * epoch; when a pass ends early the epoch ends there with a warning, and the next epoch starts a new pass (a
     * one-shot source has none: training stops). What lets a one-shot source train for several epochs. A fit resumed
     * by {@link BackupAndRestore} starts a new pass at the resumed epoch (it does not replay the continued pass).
     */
    public FitOptions stepsPerEpoch(int steps) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, steps);
    }

    public FitOptions seed(long seed) {
        return new FitOptions(epochs, batchSize, shuffle, validationSplit, validationX, validationY, sampleWeights,
                initialEpoch, verbose, callbacks, seed, classWeight, stepsPerEpoch);
    }
}
