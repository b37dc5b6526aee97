package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code sparse_top_k_categorical_accuracy(k=5)}: the fraction of rows whose integer label is among the
 * {@code k} highest predictions, ties included as in {@link TopKCategoricalAccuracy}
 * ({@code keras/src/metrics/accuracy_metrics.py}; Keras's {@code from_sorted_ids} input is not offered).
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy");
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends CountingMetric {

    private final int k;

    public SparseTopKCategoricalAccuracy() {
        this("sparse_top_k_categorical_accuracy", 5);
    }

    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException(name + ": k must be >= 1. Received: k=" + k);
        }
        this.k = k;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][] predictions = Rows.of(yPred);
        double[] labels = yTrue.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(yTrue.length())
                .toDoubleVector();
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(name() + " expects one integer label per row. Received: y_pred "
                    + java.util.Arrays.toString(yPred.shape()) + ", y_true " + java.util.Arrays.toString(yTrue.shape()));
        }
        double[] hits = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int label = (int) labels[i];
            if (label != labels[i] || label < 0 || label >= predictions[i].length) {
                throw new IllegalArgumentException(name() + ": label " + labels[i] + " at row " + i
                        + " is not a class index in [0, " + predictions[i].length + ").");
            }
            hits[i] = TopKCategoricalAccuracy.inTopK(predictions[i], label, k) ? 1 : 0;
        }
        addWeighted(hits, 1, Rows.weights(name(), sampleWeights, hits.length));
    }

    @Override
    public String className() {
        return "SparseTopKCategoricalAccuracy";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("k", k);
        return config;
    }
}
