package dev.lamina.core.metric;

import java.util.List;

/**
 * Keras's metrics by name, with {@code accuracy} resolved as Keras resolves it. A metric reports under the name it
 * was asked for ({@code "mae"} logs as {@code mae}, {@code val_mae}), as Keras 3's {@code compile_utils.get_metric}
 * names it.
 *
 * <pre>{@code
 * Metric accuracy = Metrics.get("accuracy", 1, 1);   // one output unit -> binary accuracy
 * }</pre>
 *
 * <p>Names: {@code accuracy} ({@code acc}), {@code binary_accuracy}, {@code categorical_accuracy},
 * {@code sparse_categorical_accuracy}, {@code top_k_categorical_accuracy}, {@code sparse_top_k_categorical_accuracy}
 * (k = 5), {@code precision}, {@code recall}, {@code auc}, {@code mean_absolute_error} ({@code mae}),
 * {@code mean_squared_error} ({@code mse}), {@code root_mean_squared_error} ({@code rmse}, Lamina's alias),
 * {@code mean_absolute_percentage_error} ({@code mape}), {@code r2_score}, {@code f1_score}, {@code fbeta_score}
 * ({@code f_beta_score}, Keras's registry key). By name, the F-scores are Keras's defaults (no average, arg-max), one
 * score per class: History holds one number per name, so they are accepted by name only for one output unit; for
 * several classes use {@code new F1Score("macro", null)} on {@code predict}'s output.
 */
public final class Metrics {

    /** Every name {@link #get} knows, in the order the error message lists them. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "precision", "recall", "auc", "mean_absolute_error", "mae", "mean_squared_error", "mse",
            "root_mean_squared_error", "rmse", "mean_absolute_percentage_error", "mape", "r2_score", "f1_score", "fbeta_score", "f_beta_score");

    private Metrics() {
    }

    /**
     * The metric called {@code name}. {@code accuracy} becomes binary accuracy for one output unit, sparse
     * categorical accuracy when labels are one column but outputs are several, categorical accuracy otherwise
     * (Keras's {@code compile_utils} rule).
     *
     * @param outputUnits the width of the predictions
     * @param labelWidth  the width of the labels
     */
    public static Metric get(String name, long outputUnits, long labelWidth) {
        if (name == null) {
            throw new IllegalArgumentException("Metric name is null. Use e.g. \"accuracy\".");
        }
        return switch (name) {
            case "accuracy", "acc" -> outputUnits == 1 ? new BinaryAccuracy(name, 0.5)
                    : labelWidth == 1 ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
            case "binary_accuracy" -> new BinaryAccuracy();
            case "categorical_accuracy" -> new CategoricalAccuracy();
            case "sparse_categorical_accuracy" -> new SparseCategoricalAccuracy();
            case "top_k_categorical_accuracy" -> new TopKCategoricalAccuracy();
            case "sparse_top_k_categorical_accuracy" -> new SparseTopKCategoricalAccuracy();
            case "precision" -> new Precision();
            case "recall" -> new Recall();
            case "auc" -> new Auc();
            case "mean_absolute_error", "mae" -> new MeanAbsoluteError(name);
            case "mean_squared_error", "mse" -> new MeanSquaredError(name);
            case "root_mean_squared_error", "rmse" -> new RootMeanSquaredError(name);
            case "mean_absolute_percentage_error", "mape" -> new MeanAbsolutePercentageError(name);
            case "r2_score" -> new R2Score();
            case "f1_score" -> new F1Score(name, null, null).forOneColumn(outputUnits);
            case "fbeta_score", "f_beta_score" -> new FBetaScore(name, null, 1.0, null).forOneColumn(outputUnits);
            default -> throw new IllegalArgumentException(unknown(name));
        };
    }

    /** Throws if {@code name} is not a known metric; used at compile time, before shapes are known. */
    public static void check(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException(unknown(name));
        }
    }

    private static String unknown(String name) {
        return "Unknown metric '" + name + "'. Known: " + String.join(", ", NAMES) + ".";
    }
}
