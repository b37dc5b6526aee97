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

    /** Accumulates a batch of predictions and labels. */
    void update(INDArray yPred, INDArray yTrue);

    /** The value over everything accumulated; NaN before any update. */
    double result();
}
