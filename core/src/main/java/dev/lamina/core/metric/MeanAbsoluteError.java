package dev.lamina.core.metric;

/**
 * Keras's {@code mean_absolute_error} ({@code mae}): {@code mean(|y_true - y_pred|)} over each row's outputs, then
 * over all samples seen ({@code keras/src/metrics/regression_metrics.py}, {@code MeanAbsoluteError}).
 *
 * <pre>{@code
 * model.compile("adam", "mse", "mae");   // logged as "mae", as Keras logs the name it was given
 * }</pre>
 */
public final class MeanAbsoluteError extends MeanMetric {

    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    /** @param name the name it reports under ({@code mae} when compiled with that name, as Keras does) */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    protected double perSample(double[] yPred, double[] yTrue) {
        double sum = 0;
        for (int j = 0; j < yPred.length; j++) {
            sum += Math.abs(yTrue[j] - yPred[j]);
        }
        return sum / yPred.length;
    }

    @Override
    public String className() {
        return "MeanAbsoluteError";
    }
}
