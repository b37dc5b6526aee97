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
public final class SparseCategoricalAccuracy implements Metric {

    private final String name;
    private double correct;
    private double total;

    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue) {
        long n = yPred.size(0);
        INDArray predicted = yPred.argMax(1).castTo(DataType.DOUBLE).reshape(n);
        INDArray expected = yTrue.castTo(DataType.DOUBLE).reshape(n);
        correct += predicted.eq(expected).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        total += n;
    }

    @Override
    public double result() {
        return total == 0 ? Double.NaN : correct / total;
    }
}
