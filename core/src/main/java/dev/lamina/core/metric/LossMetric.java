package dev.lamina.core.metric;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's metrics that average a loss function's per-sample value over every sample seen, as
 * {@code MeanMetricWrapper} wraps {@code hinge}, {@code kl_divergence}, the cross-entropies and the like
 * ({@code keras/src/metrics/hinge_metrics.py}, {@code probabilistic_metrics.py}, {@code regression_metrics.py}):
 * the loss with its default settings, weighted by the sample weights. {@code cosine_similarity} reports the
 * similarity itself (the loss is its negative), as Keras's metric does.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "accuracy", "hinge");   // logged as "hinge" and "val_hinge"
 * }</pre>
 */
public final class LossMetric implements Metric {

    private final String name;
    private final String className;
    private final String lossName;
    private final double sign;
    private final Loss loss;
    private double total;
    private double count;

    private LossMetric(String name, String className, String lossName, double sign) {
        this.name = name;
        this.className = className;
        this.lossName = lossName;
        this.sign = sign;
        this.loss = Losses.get(lossName, Map.of());
    }

    /** The metric Keras calls {@code className}, reporting under {@code name}; null if there is none by that class. */
    static LossMetric of(String className, String name) {
        return switch (className) {
            case "MeanSquaredLogarithmicError" -> new LossMetric(name, className, "msle", 1);
            case "CosineSimilarity" -> new LossMetric(name, className, "cosine_similarity", -1);
            case "LogCoshError" -> new LossMetric(name, className, "log_cosh", 1);
            case "Hinge" -> new LossMetric(name, className, "hinge", 1);
            case "SquaredHinge" -> new LossMetric(name, className, "squared_hinge", 1);
            case "CategoricalHinge" -> new LossMetric(name, className, "categorical_hinge", 1);
            case "BinaryCrossentropy" -> new LossMetric(name, className, "binary_crossentropy", 1);
            case "CategoricalCrossentropy" -> new LossMetric(name, className, "categorical_crossentropy", 1);
            case "SparseCategoricalCrossentropy" -> new LossMetric(name, className, "sparse_categorical_crossentropy",
                    1);
            case "KLDivergence" -> new LossMetric(name, className, "kl_divergence", 1);
            case "Poisson" -> new LossMetric(name, className, "poisson", 1);
            default -> null;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        double[] values = loss.perSample(yPred.castTo(DataType.DOUBLE), yTrue.castTo(DataType.DOUBLE))
                .castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] weights = Rows.weights(name, sampleWeights, values.length);
        for (int i = 0; i < values.length; i++) {
            double w = Rows.weight(weights, i);
            total += w * sign * values[i];
            count += w;
        }
    }

    /** The (weighted) mean; NaN before any update, as {@link MeanMetric}. */
    @Override
    public double result() {
        return count == 0 ? Double.NaN : total / count;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Metric fresh() {
        return new LossMetric(name, className, lossName, sign);
    }
}
