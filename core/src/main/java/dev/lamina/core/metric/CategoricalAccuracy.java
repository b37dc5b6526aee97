package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code categorical_accuracy}: the fraction of rows whose predicted arg-max equals the label's arg-max
 * (one-hot labels).
 *
 * <pre>{@code
 * new CategoricalAccuracy("accuracy");
 * }</pre>
 */
public final class CategoricalAccuracy extends CountingMetric {

    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        INDArray predicted = yPred.argMax(1);
        INDArray expected = yTrue.argMax(1);
        if (sampleWeights != null) {
            double[] hits = predicted.eq(expected).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .reshape(yPred.size(0)).toDoubleVector();
            addWeighted(hits, 1, Rows.weights(name(), sampleWeights, hits.length));
            return;
        }
        add(predicted.eq(expected).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue(), yPred.size(0));
    }

    @Override
    public String className() {
        return "CategoricalAccuracy";
    }
}
