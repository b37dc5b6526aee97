package dev.lamina.core.metric;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stateful evaluation measure, as in Keras: {@link #update} accumulates over batches, {@link #result} reads the
 * value over everything seen since {@link #reset}. A metric object given to {@code compile} is a template: each
 * {@code fit} and each evaluation works on a {@link #fresh} copy, so its state is never shared.
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

    /**
     * Keras's class name ({@code "Precision"}, {@code "AUC"}), which the model file and {@link Metrics#fromConfig}
     * know; null for a metric of your own.
     */
    default String className() {
        return null;
    }

    /**
     * Keras's {@code get_config}: the settings that rebuild this metric with {@link Metrics#fromConfig}, under
     * Keras's keys ({@code name}, {@code thresholds}, {@code top_k}, ...); values are strings, numbers, booleans,
     * lists of numbers or null.
     */
    default Map<String, Object> config() {
        return Map.of("name", name());
    }

    /**
     * A new metric with the same settings and nothing accumulated. Built-in metrics rebuild themselves from
     * {@link #config()}; a metric of your own overrides this to be given to {@code compile}.
     */
    default Metric fresh() {
        if (className() == null) {
            throw new UnsupportedOperationException("Metric '" + name() + "' (" + getClass().getName() + ") cannot "
                    + "be copied for each fit and evaluation. Override fresh() to return a new instance with the "
                    + "same settings.");
        }
        return Metrics.fromConfig(className(), config());
    }
}
