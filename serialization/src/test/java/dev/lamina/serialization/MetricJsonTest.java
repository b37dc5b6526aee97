package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.metric.Auc;
import dev.lamina.core.metric.F1Score;
import dev.lamina.core.metric.MeanAbsoluteError;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Precision;
import dev.lamina.core.metric.R2Score;
import dev.lamina.core.metric.Recall;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code compile_config.metrics}: names for names and default built-ins, Keras's class-and-config form otherwise. */
class MetricJsonTest {

    private static Sequential compiled(Object... metrics) {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(4, "relu", 3));
        model.add(new Dense(2, "sigmoid"));
        model.compile(new SGD(0.0), "binary_crossentropy", metrics);
        return model;
    }

    private static ArrayNode metricsOf(ObjectNode doc) {
        return (ArrayNode) doc.get("compile_config").get("metrics");
    }

    private static List<Map<String, Object>> configs(Sequential model) {
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Object metric : model.metrics()) {
            configs.add(metric instanceof Metric m ? m.config() : Map.of("by_name", metric));
        }
        return configs;
    }

    @Test
    void namesStayNamesDefaultsBecomeNamesConfiguredObjectsKeepTheirConfig() throws Exception {
        Sequential model = compiled("accuracy", new Precision(), new MeanAbsoluteError("mae"),
                new Recall("recall_c1", new double[] {0.3}, null, 1), new Auc("pr_auc", 50, "PR", true),
                new F1Score("f1_macro", "macro", 0.5), new R2Score("r2", "variance_weighted_average", 0));
        ObjectNode doc = ModelJsonErrorsTest.document(model);
        ArrayNode metrics = metricsOf(doc);
        assertEquals("accuracy", metrics.get(0).textValue());
        assertEquals("precision", metrics.get(1).textValue());
        assertEquals("mae", metrics.get(2).textValue());
        assertEquals("{\"class_name\":\"Recall\",\"config\":{\"name\":\"recall_c1\",\"thresholds\":[0.3],"
                + "\"top_k\":null,\"class_id\":1}}", metrics.get(3).toString());
        assertEquals("{\"class_name\":\"AUC\",\"config\":{\"name\":\"pr_auc\",\"num_thresholds\":50,\"curve\":\"PR\","
                + "\"multi_label\":true}}", metrics.get(4).toString());
        assertEquals("F1Score", metrics.get(5).get("class_name").textValue());

        Sequential loaded = ModelJson.fromJson(ModelJson.toJson(model));
        assertEquals(model.metricNames(), loaded.metricNames());
        List<Map<String, Object>> expected = configs(model);
        expected.set(1, Map.of("by_name", "precision")); // written by name, read back as the name
        expected.set(2, Map.of("by_name", "mae"));
        assertEquals(expected, configs(loaded));
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 3);
        INDArray y = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).gt(0.5).castTo(x.dataType());
        assertEquals(model.evaluate(x, y), loaded.evaluate(x, y));
    }

    @Test
    void aMetricOfYourOwnCannotBeSavedAndTheMessageSaysWhy() {
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

            @Override
            public Metric fresh() {
                return this;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelJson.toJson(compiled(custom)));
        assertTrue(e.getMessage().startsWith("The model file holds built-in metrics only; metric 'mine' is a "),
                e.getMessage());
    }

    private static ModelFormatException rejectsMetric(String metricJson) throws Exception {
        ObjectNode doc = ModelJsonErrorsTest.document(compiled("accuracy"));
        JsonNode metric = ModelJson.mapper(ModelJson.DEFAULT_MAX_BYTES).readTree(metricJson);
        metricsOf(doc).add(metric);
        return ModelJsonErrorsTest.rejects(doc.toString());
    }

    @Test
    void unknownClassesKeysAndBadValuesNameTheirJsonPath() throws Exception {
        assertEquals("compile_config.metrics[1].class_name: 'Accuracy' is not a metric class Lamina reads. Known: "
                + "BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy, "
                + "SparseTopKCategoricalAccuracy, Precision, Recall, AUC, MeanAbsoluteError, MeanSquaredError, "
                + "RootMeanSquaredError, MeanAbsolutePercentageError, R2Score, F1Score, FBetaScore, BinaryCrossentropy, "
                + "CategoricalCrossentropy, CategoricalHinge, CosineSimilarity, Hinge, KLDivergence, LogCoshError, "
                + "MeanSquaredLogarithmicError, Poisson, SparseCategoricalCrossentropy, SquaredHinge.",
                rejectsMetric("{\"class_name\": \"Accuracy\", \"config\": {}}").getMessage());
        assertTrue(rejectsMetric("{\"class_name\": \"Precision\", \"config\": {\"topk\": 2}}").getMessage()
                .startsWith("compile_config.metrics[1].config.topk: unexpected field; allowed here: "));
        assertEquals("compile_config.metrics[1].config: Precision config 'top_k': expected an integer or null. "
                + "Received: 2.5", rejectsMetric("{\"class_name\": \"Precision\", \"config\": {\"top_k\": 2.5}}")
                .getMessage());
        assertEquals("compile_config.metrics[1].config: recall: class_id must be >= 0. Received: class_id=-1",
                rejectsMetric("{\"class_name\": \"Recall\", \"config\": {\"class_id\": -1}}").getMessage());
        assertTrue(rejectsMetric("{\"class_name\": \"AUC\", \"module\": \"keras.metrics\"}").getMessage()
                .startsWith("compile_config.metrics[1].module: unexpected field"));
        assertEquals("compile_config.metrics[1].config.num_thresholds: at most 100000 in a model file, found "
                + "2000000000", rejectsMetric("{\"class_name\": \"AUC\", \"config\": {\"num_thresholds\": 2000000000}}")
                .getMessage());
        assertTrue(rejectsMetric("{\"class_name\": \"AUC\", \"config\": {\"curve\": {\"a\": 1}}}").getMessage()
                .startsWith("compile_config.metrics[1].config.curve: expected a string, a finite number"));
        assertTrue(rejectsMetric("[\"precision\"]").getMessage().startsWith(
                "compile_config.metrics[1]: expected a metric name or {\"class_name\": ..., \"config\": {...}}"));
        assertEquals("compile_config.metrics[1]: Unknown metric 'precisionn'. Known: " + String.join(", ",
                dev.lamina.core.metric.Metrics.NAMES) + ".", rejectsMetric("\"precisionn\"").getMessage());
    }

    @Test
    void aClassWithoutConfigTakesKerasDefaults() throws Exception {
        ObjectNode doc = ModelJsonErrorsTest.document(compiled("accuracy"));
        metricsOf(doc).addObject().put("class_name", "Precision");
        Sequential loaded = ModelJson.fromJson(doc.toString());
        assertEquals(new Precision().config(), ((Metric) loaded.metrics().get(1)).config());
    }
}
