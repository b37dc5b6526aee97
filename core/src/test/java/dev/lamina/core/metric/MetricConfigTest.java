package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras's {@code get_config} / {@code from_config} for every built-in metric, and {@link Metric#fresh}. */
class MetricConfigTest {

    /** Every built-in class, configured away from its defaults where it has settings. */
    static Stream<Metric> configured() {
        return Stream.of(new BinaryAccuracy("acc_0.3", 0.3), new CategoricalAccuracy("cat"),
                new SparseCategoricalAccuracy("sparse"), new TopKCategoricalAccuracy("top2", 2),
                new SparseTopKCategoricalAccuracy("sparse_top3", 3),
                new Precision("p", new double[] {0.3, 0.7}, 2, null), new Recall("r_class_1", null, null, 1),
                new Auc("pr_auc", 50, "PR", true), new MeanAbsoluteError("mae"), new MeanSquaredError(),
                new RootMeanSquaredError("rmse"), new MeanAbsolutePercentageError("mape"),
                new R2Score("r2", "variance_weighted_average", 2), new F1Score("f1_macro", "macro", 0.4),
                new FBetaScore("f2", "weighted", 2.0, null));
    }

    @ParameterizedTest
    @MethodSource("configured")
    void everyBuiltInRebuildsFromItsClassNameAndConfig(Metric metric) {
        assertTrue(Metrics.CONFIG_KEYS.containsKey(metric.className()), metric.className());
        assertTrue(Metrics.CONFIG_KEYS.get(metric.className()).containsAll(metric.config().keySet()));
        Metric rebuilt = Metrics.fromConfig(metric.className(), metric.config());
        assertEquals(metric.getClass(), rebuilt.getClass());
        assertEquals(metric.config(), rebuilt.config());
        assertEquals(metric.name(), rebuilt.name());
    }

    @ParameterizedTest
    @MethodSource("configured")
    void freshIsANewMetricWithTheSameSettingsAndNothingAccumulated(Metric metric) {
        double[][] p = Streams.asFloats(Streams.uniform(12, 4, 1));
        double[][] y = new double[12][4];
        for (int i = 0; i < 12; i++) {
            y[i][i % 4] = 1;
        }
        double[][] labels = metric instanceof SparseCategoricalAccuracy || metric instanceof SparseTopKCategoricalAccuracy
                ? new double[12][1] : y;
        Streams.feed(metric, p, labels);
        Metric fresh = metric.fresh();
        assertNotSame(metric, fresh);
        assertEquals(metric.config(), fresh.config());
        if (metric instanceof ConfusionMetric confusion) {
            assertEquals(0.0, ((ConfusionMetric) fresh).perThreshold()[0]); // no counts: divide_no_nan gives 0
            assertTrue(confusion.perThreshold().length > 0);
        } else {
            assertTrue(Double.isNaN(fresh.result()), "a fresh metric has seen nothing");
        }
        Streams.feed(fresh, p, labels);
        Metric again = metric.fresh();
        Streams.feed(again, p, labels);
        assertEquals(values(fresh), values(again)); // the template's own state never leaks into a copy
    }

    private static List<Double> values(Metric metric) {
        return metric instanceof ConfusionMetric c ? java.util.Arrays.stream(c.perThreshold()).boxed().toList()
                : List.of(metric.result());
    }

    @Test
    void missingKeysTakeKerasDefaultsAndNumbersMayComeAsAnyNumberType() {
        Metric precision = Metrics.fromConfig("Precision", Map.of());
        assertEquals("precision", precision.name());
        assertEquals(new Precision().config(), precision.config());
        Map<String, Object> auc = new HashMap<>(Map.of("num_thresholds", 50L, "curve", "PR", "dtype", "float32"));
        assertEquals(new Auc("auc", 50, "PR", false).config(), Metrics.fromConfig("AUC", auc).config());
        assertEquals(new Precision("p", new double[] {0.5}, null, null).config(),
                Metrics.fromConfig("Precision", Map.of("name", "p", "thresholds", 0.5)).config()); // Keras: a float
        assertEquals(new TopKCategoricalAccuracy("t", 3).config(),
                Metrics.fromConfig("TopKCategoricalAccuracy", Map.of("name", "t", "k", 3.0)).config());
    }

    @Test
    void unknownClassesKeysAndWrongTypesAreRejectedWithTheKey() {
        assertEquals("Unknown metric class 'Accuracy'. Known: BinaryAccuracy, CategoricalAccuracy, "
                + "SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, Precision, Recall, "
                + "AUC, MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError, MeanAbsolutePercentageError, "
                + "R2Score, F1Score, FBetaScore, BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge, "
                + "CosineSimilarity, Hinge, KLDivergence, LogCoshError, MeanSquaredLogarithmicError, Poisson, "
                + "SparseCategoricalCrossentropy, SquaredHinge.", assertThrows(IllegalArgumentException.class,
                        () -> Metrics.fromConfig("Accuracy", Map.of())).getMessage());
        assertEquals("Precision has no config key 'topk'. Its keys: name, thresholds, top_k, class_id.",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.fromConfig("Precision", Map.of("topk", 2))).getMessage());
        assertEquals("Precision config 'top_k': expected an integer or null. Received: 2.5",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.fromConfig("Precision", Map.of("top_k", 2.5))).getMessage());
        assertEquals("AUC config 'multi_label': expected true or false. Received: \"yes\"",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.fromConfig("AUC", Map.of("multi_label", "yes"))).getMessage());
        assertEquals("AUC config 'dtype': Lamina's metrics compute in float64 and accept dtype \"float32\" or null. "
                + "Received: \"float16\"", assertThrows(IllegalArgumentException.class,
                        () -> Metrics.fromConfig("AUC", Map.of("dtype", "float16"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("AUC", Map.of("num_thresholds", 1)));
    }

    @Test
    void nameOfGivesTheRegistryNameOnlyWhenItRebuildsTheSameMetric() {
        assertEquals("precision", Metrics.nameOf(new Precision()));
        assertEquals("mae", Metrics.nameOf(new MeanAbsoluteError("mae")));
        assertEquals("auc", Metrics.nameOf(new Auc()));
        assertNull(Metrics.nameOf(new Precision(null, 2, null)));
        assertNull(Metrics.nameOf(new Precision("recall", null, null, null))); // "recall" would load a Recall
        assertNull(Metrics.nameOf(new BinaryAccuracy("accuracy", 0.5)));    // "accuracy" depends on the shapes
        assertNull(Metrics.nameOf(new F1Score()));                           // by name: one output unit only
    }

    @Test
    void aMetricOfYourOwnMustOverrideFreshToBeCopied() {
        Metric custom = new Metric() {
            @Override
            public String name() {
                return "mine";
            }

            @Override
            public void reset() {
            }

            @Override
            public void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
            }

            @Override
            public double result() {
                return 0;
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, custom::fresh);
        assertTrue(e.getMessage().startsWith("Metric 'mine' ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot be copied for each fit and evaluation. Override fresh() to return "
                + "a new instance with the same settings."), e.getMessage());
    }
}
