package dev.lamina.core.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code sparse_categorical_accuracy}: the fraction of rows whose predicted arg-max equals the integer label.
 *
 * <pre>{@code
 * new SparseCategoricalAccuracy("accuracy");
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends CountingMetric {

    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        long n = yPred.size(0);
        INDArray predicted = yPred.argMax(1).castTo(DataType.DOUBLE).reshape(n);
        INDArray expected = yTrue.castTo(DataType.DOUBLE).reshape(n);
        if (sampleWeights != null) {
            double[] hits = predicted.eq(expected).castTo(DataType.DOUBLE).toDoubleVector();
            addWeighted(hits, 1, Rows.weights(name(), sampleWeights, n));
            return;
        }
        add(predicted.eq(expected).castTo(DataType.DOUBLE).sumNumber().doubleValue(), n);
    }

    @Override
    public String className() {
        return "SparseCategoricalAccuracy";
    }
}
