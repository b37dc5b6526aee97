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
public final class CategoricalAccuracy implements Metric {

    private final String name;
    private double correct;
    private double total;

    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
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
        INDArray predicted = yPred.argMax(1);
        INDArray expected = yTrue.argMax(1);
        correct += predicted.eq(expected).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
        total += yPred.size(0);
    }

    @Override
    public double result() {
        return total == 0 ? Double.NaN : correct / total;
    }
}
