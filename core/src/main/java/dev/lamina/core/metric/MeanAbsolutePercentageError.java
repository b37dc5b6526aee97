package dev.lamina.core.metric;

/**
 * Keras's {@code mean_absolute_percentage_error} ({@code mape}):
 * {@code 100 * mean(|y_true - y_pred| / max(|y_true|, 1e-7))} over each row's outputs, then over all samples seen
 * ({@code keras/src/losses/losses.py}, {@code mean_absolute_percentage_error}; epsilon is {@code backend.epsilon()}).
 * A zero label therefore counts as 1e-7, as in Keras (its docstring's example gives 250000000).
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mape");
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends MeanMetric {

    private static final double EPSILON = 1e-7;

    public MeanAbsolutePercentageError() {
        this("mean_absolute_percentage_error");
    }

    /** @param name the name it reports under ({@code mape} when compiled with that name, as Keras does) */
    public MeanAbsolutePercentageError(String name) {
        super(name);
    }

    @Override
    protected double perSample(double[] yPred, double[] yTrue) {
        double sum = 0;
        for (int j = 0; j < yPred.length; j++) {
            sum += Math.abs((yTrue[j] - yPred[j]) / Math.max(Math.abs(yTrue[j]), EPSILON));
        }
        return 100.0 * sum / yPred.length;
    }

    @Override
    public String className() {
        return "MeanAbsolutePercentageError";
    }
}
