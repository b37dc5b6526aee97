package dev.lamina.core.metric;

/**
 * Keras's metrics by name, with {@code accuracy} resolved as Keras resolves it.
 *
 * <pre>{@code
 * Metric accuracy = Metrics.get("accuracy", 1, 1);   // one output unit -> binary accuracy
 * }</pre>
 *
 * <p>Names: {@code accuracy} ({@code acc}), {@code binary_accuracy}, {@code categorical_accuracy},
 * {@code sparse_categorical_accuracy}, {@code precision}, {@code recall}, {@code auc}.
 */
public final class Metrics {

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
            case "precision" -> new Precision();
            case "recall" -> new Recall();
            case "auc" -> new Auc();
            default -> throw new IllegalArgumentException(unknown(name));
        };
    }

    /** Throws if {@code name} is not a known metric; used at compile time, before shapes are known. */
    public static void check(String name) {
        if (name == null || !java.util.List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
                "sparse_categorical_accuracy", "precision", "recall", "auc").contains(name)) {
            throw new IllegalArgumentException(unknown(name));
        }
    }

    private static String unknown(String name) {
        return "Unknown metric '" + name + "'. Known: accuracy, binary_accuracy, categorical_accuracy, "
                + "sparse_categorical_accuracy, precision, recall, auc.";
    }
}
