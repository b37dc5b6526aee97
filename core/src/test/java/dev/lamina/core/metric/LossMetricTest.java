package dev.lamina.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.loss.Losses;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossMetricTest {

    private static INDArray probabilities(int rows, int columns) {
        INDArray p = Nd4j.rand(DataType.DOUBLE, rows, columns).addi(0.05);
        return p.diviColumnVector(p.sum(1));
    }

    private static INDArray oneHot(int rows, int columns, long seed) {
        Random random = new Random(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, columns);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, random.nextInt(columns), 1.0);
        }
        return y;
    }

    @Test
    void eachLossMetricIsTheWeightedMeanOfItsLossOverAllBatches() {
        Nd4j.getRandom().setSeed(3);
        INDArray p = probabilities(12, 3);
        INDArray y = oneHot(12, 3, 2);
        INDArray w = Nd4j.createFromArray(new double[] {1, 2, 0, 1, 1, 3, 1, 0.5, 1, 1, 2, 1});
        Map<String, String> lossOf = Map.of("msle", "msle", "logcosh", "log_cosh", "hinge", "hinge",
                "squared_hinge", "squared_hinge", "categorical_hinge", "categorical_hinge",
                "binary_crossentropy", "binary_crossentropy", "categorical_crossentropy", "categorical_crossentropy",
                "kl_divergence", "kl_divergence", "poisson", "poisson");
        for (Map.Entry<String, String> entry : lossOf.entrySet()) {
            Metric metric = Metrics.get(entry.getKey(), 3, 3);
            metric.update(p.get(interval(0, 5)), y.get(interval(0, 5)), w.get(interval1(0, 5)));
            metric.update(p.get(interval(5, 12)), y.get(interval(5, 12)), w.get(interval1(5, 12)));
            double[] values = Losses.get(entry.getValue()).perSample(p, y).reshape(-1).toDoubleVector();
            double total = 0;
            for (int i = 0; i < values.length; i++) {
                total += w.getDouble(i) * values[i];
            }
            assertEquals(total / w.sumNumber().doubleValue(), metric.result(), 1e-12, entry.getKey());
            assertEquals(entry.getKey(), metric.name());
        }
    }

    @Test
    void cosineSimilarityReportsTheSimilarityNotTheLoss() {
        Metric metric = Metrics.get("cosine_similarity", 2, 2);
        metric.update(Nd4j.createFromArray(new double[][] {{1, 1}, {1, 0}}),
                Nd4j.createFromArray(new double[][] {{2, 2}, {0, 1}}));
        assertEquals(0.5, metric.result(), 1e-9); // Keras: mean of [1, 0]
    }

    @Test
    void sparseCrossentropyMetricTakesIntegerLabels() {
        Metric metric = Metrics.get("sparse_categorical_crossentropy", 3, 1);
        metric.update(Nd4j.createFromArray(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}}),
                Nd4j.createFromArray(new double[][] {{0}, {2}}));
        assertEquals(-(Math.log(0.7) + Math.log(0.8)) / 2, metric.result(), 1e-6);
    }

    @Test
    void lossMetricsRebuildFromTheirKerasClassAndSaveByName() {
        for (String name : List.of("msle", "mean_squared_logarithmic_error", "cosine_similarity", "logcosh", "hinge",
                "squared_hinge", "categorical_hinge", "binary_crossentropy", "categorical_crossentropy",
                "sparse_categorical_crossentropy", "kl_divergence", "poisson")) {
            Metric metric = Metrics.get(name, 3, 3);
            assertEquals(name, Metrics.nameOf(metric), name);
            Metric rebuilt = Metrics.fromConfig(metric.className(), metric.config());
            assertEquals(metric.config(), rebuilt.config(), name);
            assertTrue(Double.isNaN(metric.fresh().result()), name);
        }
        assertEquals("hinge", Metrics.fromConfig("Hinge", Map.of()).name());
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] interval(int from, int to) {
        return new org.nd4j.linalg.indexing.INDArrayIndex[] {org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                org.nd4j.linalg.indexing.NDArrayIndex.all()};
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex interval1(int from, int to) {
        return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
    }
}
