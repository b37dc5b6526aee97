package dev.lamina.core.metric;

/**
 * Keras's {@code mean_squared_error} ({@code mse}): {@code mean((y_true - y_pred)^2)} over each row's outputs, then
 * over all samples seen ({@code keras/src/metrics/regression_metrics.py}, {@code MeanSquaredError}).
 *
 * <pre>{@code
 * model.compile("adam", "mae", "mse");
 * }</pre>
 */
public final class MeanSquaredError extends MeanMetric {

    public MeanSquaredError() {
        this("mean_squared_error");
    }

    /** @param name the name it reports under ({@code mse} when compiled with that name, as Keras does) */
    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double perSample(double[] yPred, double[] yTrue) {
        return meanSquare(yPred, yTrue);
    }

    static double meanSquare(double[] yPred, double[] yTrue) {
        double sum = 0;
        for (int j = 0; j < yPred.length; j++) {
            double e = yTrue[j] - yPred[j];
            sum += e * e;
        }
        return sum / yPred.length;
    }

    @Override
    public String className() {
        return "MeanSquaredError";
    }
}
