package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stateful evaluation measure, as in Keras: {@link #update} accumulates over batches, {@link #result} reads the
 * value over everything seen since {@link #reset}.
 *
 * <pre>{@code
 * Metric accuracy = new BinaryAccuracy();
 * accuracy.update(predictions, labels);
 * double value = accuracy.result();
 * }</pre>
 */
public interface Metric {

    /** Keras's name, as it appears in {@code History} and {@code evaluate} ({@code accuracy}, {@code auc}, ...). */
    String name();

    /** Forgets everything accumulated. */
    void reset();

    /** Accumulates a batch of predictions and labels, every row weighing 1. */
    default void update(INDArray yPred, INDArray yTrue) {
        update(yPred, yTrue, null);
    }

    /**
     * Accumulates a batch of predictions and labels, row {@code i} counting {@code sampleWeights[i]} times (Keras's
     * {@code sample_weight}: a weighted mean, or weighted confusion counts); a weight of 0 ignores the row.
     *
     * @param sampleWeights one weight per row ({@code [n]} or {@code [n, 1]}), or null for all ones
     */
    void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights);

    /** The value over everything accumulated; NaN before any update. */
    double result();
}
