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
    public void update(INDArray yPred, INDArray yTrue) {
        INDArray predicted = yPred.argMax(1);
        INDArray expected = yTrue.argMax(1);
        add(predicted.eq(expected).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue(), yPred.size(0));
    }
}
