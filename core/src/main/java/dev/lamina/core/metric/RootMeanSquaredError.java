package dev.lamina.core.metric;

/**
 * Keras's {@code root_mean_squared_error}: {@code sqrt(mean((y_pred - y_true)^2))}, the square root taken once, of the
 * mean over everything seen, not per batch ({@code keras/src/metrics/regression_metrics.py},
 * {@code RootMeanSquaredError}: a {@code Mean} of the squared errors, {@code result = sqrt(mean)}).
 *
 * <p>Lamina also accepts {@code rmse}; Keras 3's registry has no such alias (it knows {@code mse}, {@code mae},
 * {@code mape}, {@code msle}).
 *
 * <pre>{@code
 * model.compile("adam", "mse", "root_mean_squared_error");
 * }</pre>
 */
public final class RootMeanSquaredError extends MeanMetric {

    public RootMeanSquaredError() {
        this("root_mean_squared_error");
    }

    public RootMeanSquaredError(String name) {
        super(name);
    }

    @Override
    protected double perSample(double[] yPred, double[] yTrue) {
        return MeanSquaredError.meanSquare(yPred, yTrue);
    }

    @Override
    public double result() {
        return Math.sqrt(super.result());
    }

    @Override
    public String className() {
        return "RootMeanSquaredError";
    }
}
