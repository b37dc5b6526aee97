package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * several classes use {@code new F1Score("macro", null)} on {@code predict}'s output, or give that object to
 * {@code compile}.
 *
 * <p>{@link #fromConfig} rebuilds a built-in metric from Keras's class name and config (what the model file holds);
 * it knows exactly the classes in {@link #CONFIG_KEYS}, creates nothing by reflection, and rejects unknown keys.
 */
public final class Metrics {

    /** Every name {@link #get} knows, in the order the error message lists them. */
    public static final List<String> NAMES = List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "precision", "recall", "auc", "mean_absolute_error", "mae", "mean_squared_error", "mse",
            "root_mean_squared_error", "rmse", "mean_absolute_percentage_error", "mape", "r2_score", "f1_score",
            "fbeta_score", "f_beta_score", "mean_squared_logarithmic_error", "msle", "cosine_similarity", "logcosh",
            "hinge", "squared_hinge", "categorical_hinge", "binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "kl_divergence", "poisson");

    /** The metrics that average a loss ({@link LossMetric}): Keras's name to Keras's class. */
    private static final Map<String, String> LOSS_METRICS = Map.ofEntries(
            Map.entry("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"),
            Map.entry("msle", "MeanSquaredLogarithmicError"), Map.entry("cosine_similarity", "CosineSimilarity"),
            Map.entry("logcosh", "LogCoshError"), Map.entry("hinge", "Hinge"),
            Map.entry("squared_hinge", "SquaredHinge"), Map.entry("categorical_hinge", "CategoricalHinge"),
            Map.entry("binary_crossentropy", "BinaryCrossentropy"),
            Map.entry("categorical_crossentropy", "CategoricalCrossentropy"),
            Map.entry("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"),
            Map.entry("kl_divergence", "KLDivergence"), Map.entry("poisson", "Poisson"));

    /** Keras's class names of the built-in metrics, each with the config keys it takes (and Keras's {@code dtype}). */
    public static final Map<String, List<String>> CONFIG_KEYS = configKeys();

    /** The registry names that stand for a built-in class with its default settings (besides the name). */
    private static final Map<String, String> CLASS_OF_NAME = Map.ofEntries(
            Map.entry("binary_accuracy", "BinaryAccuracy"), Map.entry("categorical_accuracy", "CategoricalAccuracy"),
            Map.entry("sparse_categorical_accuracy", "SparseCategoricalAccuracy"),
            Map.entry("top_k_categorical_accuracy", "TopKCategoricalAccuracy"),
            Map.entry("sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy"),
            Map.entry("precision", "Precision"), Map.entry("recall", "Recall"), Map.entry("auc", "AUC"),
            Map.entry("mean_absolute_error", "MeanAbsoluteError"), Map.entry("mae", "MeanAbsoluteError"),
            Map.entry("mean_squared_error", "MeanSquaredError"), Map.entry("mse", "MeanSquaredError"),
            Map.entry("root_mean_squared_error", "RootMeanSquaredError"), Map.entry("rmse", "RootMeanSquaredError"),
            Map.entry("mean_absolute_percentage_error", "MeanAbsolutePercentageError"),
            Map.entry("mape", "MeanAbsolutePercentageError"), Map.entry("r2_score", "R2Score"));

    private Metrics() {
    }

    private static Map<String, List<String>> configKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("BinaryAccuracy", List.of("name", "threshold"));
        keys.put("CategoricalAccuracy", List.of("name"));
        keys.put("SparseCategoricalAccuracy", List.of("name"));
        keys.put("TopKCategoricalAccuracy", List.of("name", "k"));
        keys.put("SparseTopKCategoricalAccuracy", List.of("name", "k"));
        keys.put("Precision", List.of("name", "thresholds", "top_k", "class_id"));
        keys.put("Recall", List.of("name", "thresholds", "top_k", "class_id"));
        keys.put("AUC", List.of("name", "num_thresholds", "curve", "multi_label"));
        keys.put("MeanAbsoluteError", List.of("name"));
        keys.put("MeanSquaredError", List.of("name"));
        keys.put("RootMeanSquaredError", List.of("name"));
        keys.put("MeanAbsolutePercentageError", List.of("name"));
        keys.put("R2Score", List.of("name", "class_aggregation", "num_regressors"));
        keys.put("F1Score", List.of("name", "average", "threshold"));
        keys.put("FBetaScore", List.of("name", "average", "beta", "threshold"));
        for (String className : new java.util.TreeSet<>(LOSS_METRICS.values())) {
            keys.put(className, List.of("name"));
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /**
     * The built-in metric of Keras class {@code className} with {@code config} (Keras's keys; a missing key takes
     * Keras's default, {@code name} the class's default name):
     * {@code Metrics.fromConfig("Precision", Map.of("name", "p_at_2", "top_k", 2))}.
     *
     * @throws IllegalArgumentException for a class not in {@link #CONFIG_KEYS}, a key the class does not take, or a
     *                                  value of the wrong type or range (the message names the key)
     */
    public static Metric fromConfig(String className, Map<String, Object> config) {
        List<String> keys = className == null ? null : CONFIG_KEYS.get(className);
        if (keys == null) {
            throw new IllegalArgumentException("Unknown metric class '" + className + "'. Known: "
                    + String.join(", ", CONFIG_KEYS.keySet()) + ".");
        }
        MetricConfig c = new MetricConfig(className, config == null ? Map.of() : config, keys);
        return switch (className) {
            case "BinaryAccuracy" -> new BinaryAccuracy(c.name("binary_accuracy"), c.number("threshold", 0.5));
            case "CategoricalAccuracy" -> new CategoricalAccuracy(c.name("categorical_accuracy"));
            case "SparseCategoricalAccuracy" -> new SparseCategoricalAccuracy(c.name("sparse_categorical_accuracy"));
            case "TopKCategoricalAccuracy" -> new TopKCategoricalAccuracy(c.name("top_k_categorical_accuracy"),
                    c.integer("k", 5));
            case "SparseTopKCategoricalAccuracy" -> new SparseTopKCategoricalAccuracy(
                    c.name("sparse_top_k_categorical_accuracy"), c.integer("k", 5));
            case "Precision" -> new Precision(c.name("precision"), c.numbersOrNull("thresholds"),
                    c.integerOrNull("top_k"), c.integerOrNull("class_id"));
            case "Recall" -> new Recall(c.name("recall"), c.numbersOrNull("thresholds"), c.integerOrNull("top_k"),
                    c.integerOrNull("class_id"));
            case "AUC" -> new Auc(c.name("auc"), c.integer("num_thresholds", 200), c.text("curve", "ROC"),
                    c.bool("multi_label", false));
            case "MeanAbsoluteError" -> new MeanAbsoluteError(c.name("mean_absolute_error"));
            case "MeanSquaredError" -> new MeanSquaredError(c.name("mean_squared_error"));
            case "RootMeanSquaredError" -> new RootMeanSquaredError(c.name("root_mean_squared_error"));
            case "MeanAbsolutePercentageError" -> new MeanAbsolutePercentageError(
                    c.name("mean_absolute_percentage_error"));
            case "R2Score" -> new R2Score(c.name("r2_score"), c.text("class_aggregation", "uniform_average"),
                    c.integer("num_regressors", 0));
            case "F1Score" -> new F1Score(c.name("f1_score"), c.text("average", null), c.numberOrNull("threshold"));
            case "FBetaScore" -> new FBetaScore(c.name("fbeta_score"), c.text("average", null),
                    c.number("beta", 1.0), c.numberOrNull("threshold"));
            default -> {
                LossMetric metric = LossMetric.of(className, c.name(defaultName(className)));
                if (metric == null) {
                    throw new IllegalStateException("no constructor for " + className); // CONFIG_KEYS lists each
                }
                yield metric;
            }
        };
    }

    /**
     * The registry name that rebuilds {@code metric} exactly ({@code "precision"} for {@code new Precision()},
     * {@code "mae"} for {@code new MeanAbsoluteError("mae")}), or null when it needs its class and config.
     */
    public static String nameOf(Metric metric) {
        String name = metric.name();
        String className = metric.className();
        if (className == null || !className.equals(CLASS_OF_NAME.getOrDefault(name, LOSS_METRICS.get(name)))) {
            return null;
        }
        return fromConfig(className, Map.of("name", name)).config().equals(metric.config()) ? name : null;
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
            default -> {
                if (!LOSS_METRICS.containsKey(name)) {
                    throw new IllegalArgumentException(unknown(name));
                }
                yield LossMetric.of(LOSS_METRICS.get(name), name);
            }
        };
    }

    /** Keras's default name of a loss-averaging metric class ({@code Hinge} -> {@code hinge}). */
    private static String defaultName(String className) {
        for (Map.Entry<String, String> entry : LOSS_METRICS.entrySet()) {
            if (entry.getValue().equals(className) && !entry.getKey().equals("msle")) {
                return entry.getKey();
            }
        }
        return className;
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
