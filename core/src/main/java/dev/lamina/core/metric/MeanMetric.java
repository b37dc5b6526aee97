package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code MeanMetricWrapper}: a value per sample (a mean over the row's outputs), averaged over every sample
 * seen since {@link #reset}, so the result does not depend on how the data were batched
 * ({@code keras/src/metrics/reduction_metrics.py}: {@code total += sum(values)}, {@code count += num_samples}); with
 * sample weights the weighted mean, {@code total += sum(w * values)}, {@code count += sum(w)}.
 *
 * <pre>{@code
 * class MyError extends MeanMetric { protected double perSample(double[] p, double[] y) { ... } }
 * }</pre>
 */
public abstract class MeanMetric implements Metric {

    private final String name;
    private double total;
    private double count;

    protected MeanMetric(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public final void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[][][] rows = Rows.sameShape(name, yPred, yTrue);
        double[] weights = Rows.weights(name, sampleWeights, rows[0].length);
        for (int i = 0; i < rows[0].length; i++) {
            double w = Rows.weight(weights, i);
            total += w * perSample(rows[0][i], rows[1][i]);
            count += w;
        }
    }

    /** One sample's value from its predictions and labels (same length). */
    protected abstract double perSample(double[] yPred, double[] yTrue);

    /**
     * The (weighted) mean of the per-sample values; NaN before any update or while every weight was 0 (where Keras's
     * {@code divide_no_nan} gives 0: NaN keeps "nothing seen" apart from a real 0).
     */
    @Override
    public double result() {
        return count == 0 ? Double.NaN : total / count;
    }
}
