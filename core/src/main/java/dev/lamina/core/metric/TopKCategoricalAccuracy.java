package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code top_k_categorical_accuracy(k=5)}: the fraction of rows whose one-hot label's class (its arg-max) is
 * among the {@code k} highest predictions ({@code keras/src/metrics/accuracy_metrics.py}). Ties are in: a class is in
 * the top k when fewer than k predictions are strictly greater than its own, as Keras's {@code ops.in_top_k} ranks it
 * ({@code rank = 1 + count(y_pred > y_pred[label])}; a NaN prediction at the label ranks last).
 *
 * <pre>{@code
 * model.compile("adam", "categorical_crossentropy", "accuracy", "top_k_categorical_accuracy");
 * }</pre>
 */
public final class TopKCategoricalAccuracy extends CountingMetric {

    private final int k;

    public TopKCategoricalAccuracy() {
        this("top_k_categorical_accuracy", 5);
    }

    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException(name + ": k must be >= 1. Received: k=" + k);
        }
        this.k = k;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(name(), yPred, yTrue);
        double[] hits = new double[rows[0].length];
        for (int i = 0; i < rows[0].length; i++) {
            hits[i] = inTopK(rows[0][i], argMax(rows[1][i]), k) ? 1 : 0;
        }
        addWeighted(hits, 1, Rows.weights(name(), sampleWeights, hits.length));
    }

    /** The first index of the largest value, as {@code ops.argmax}. */
    static int argMax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Keras's {@code in_top_k}: fewer than {@code k} predictions strictly above the one at {@code target}. */
    static boolean inTopK(double[] predictions, int target, int k) {
        double atTarget = Double.isNaN(predictions[target]) ? Double.NEGATIVE_INFINITY : predictions[target];
        int greater = 0;
        for (double p : predictions) {
            if (p > atTarget) {
                greater++;
            }
        }
        return greater < k;
    }

    @Override
    public String className() {
        return "TopKCategoricalAccuracy";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("k", k);
        return config;
    }
}
