package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.core.optimizer.SGD;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code evaluate(x, y, sampleWeights)} and the weighted metrics of {@code fit}: the loss is Keras's
 * {@code sum(w * loss) / n}, each metric its weighted form, and an SGD(0) fit logs what evaluate gives.
 */
class SampleWeightedEvaluationTest {

    private static final int N = 90;
    private static final INDArray X = TrainingTest.features(N, 6, 21);
    private static final INDArray Y = TrainingTest.binaryLabels(X);

    private static Sequential model() {
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.0), "binary_crossentropy", "accuracy", "precision", "recall", "mae");
        return model;
    }

    /** Integer weights 0..3, a fifth of them 0. */
    private static INDArray weights(long seed) {
        Random random = new Random(seed);
        float[] w = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = random.nextInt(5) == 0 ? 0 : 0.25f + random.nextInt(12) * 0.25f;
        }
        return Nd4j.createFromArray(w);
    }

    @Test
    void weightedScoresEqualFloat64Formulas() {
        Sequential model = model();
        INDArray w = weights(1);
        double[] p = model.predict(X).castTo(DataType.DOUBLE).reshape(N).toDoubleVector();
        double[] y = Y.castTo(DataType.DOUBLE).reshape(N).toDoubleVector();
        double[] ws = w.castTo(DataType.DOUBLE).toDoubleVector();
        double loss = 0;
        double weightSum = 0;
        double hits = 0;
        double mae = 0;
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (int i = 0; i < N; i++) {
            double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
            loss += ws[i] * -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
            weightSum += ws[i];
            boolean predicted = p[i] > 0.5;
            hits += ws[i] * ((predicted ? 1 : 0) == y[i] ? 1 : 0);
            mae += ws[i] * Math.abs(y[i] - p[i]);
            tp += predicted && y[i] == 1 ? ws[i] : 0;
            fp += predicted && y[i] == 0 ? ws[i] : 0;
            fn += !predicted && y[i] == 1 ? ws[i] : 0;
        }
        Map<String, Double> scores = model.evaluate(X, Y, w);
        assertEquals(loss / N, scores.get("loss"), 1e-5); // Keras's sum_over_batch_size: divided by n, not sum(w)
        assertEquals(hits / weightSum, scores.get("accuracy"), 1e-9);
        assertEquals(tp / (tp + fp), scores.get("precision"), 1e-9);
        assertEquals(tp / (tp + fn), scores.get("recall"), 1e-9);
        assertEquals(mae / weightSum, scores.get("mae"), 1e-6);
    }

    @Test
    void weightsOfOneGiveTheUnweightedScoresForEveryBatchSize() {
        Sequential model = model();
        Map<String, Double> plain = model.evaluate(X, Y);
        for (int batchSize : new int[] {7, 32, N}) {
            Map<String, Double> ones = model.evaluate(X, Y, Nd4j.ones(DataType.FLOAT, N, 1), batchSize);
            for (String key : plain.keySet()) {
                assertEquals(plain.get(key), ones.get(key), 1e-6, key);
            }
        }
    }

    @Test
    void rowsOfWeightZeroAreIgnoredByTheMetricsAndAddNothingToTheLoss() {
        Sequential model = model();
        float[] w = new float[N];
        int kept = 0;
        for (int i = 0; i < N; i++) {
            w[i] = i % 3 == 0 ? 0 : 1;
            kept += (int) w[i];
        }
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < N; i++) {
            if (w[i] != 0) {
                rows[k++] = i;
            }
        }
        Map<String, Double> subset = model.evaluate(X.getRows(rows), Y.getRows(rows));
        Map<String, Double> weighted = model.evaluate(X, Y, Nd4j.createFromArray(w));
        assertEquals(subset.get("loss") * kept / N, weighted.get("loss"), 1e-6);
        for (String metric : new String[] {"accuracy", "precision", "recall", "mae"}) {
            assertEquals(subset.get(metric), weighted.get(metric), 1e-6, metric);
        }
    }

    @Test
    void sparseRowsGiveTheDenseScores() {
        Sequential model = model();
        INDArray w = weights(2);
        Map<String, Double> dense = model.evaluate(X, Y, w, 16);
        Map<String, Double> sparse = model.evaluate(SparseRows.fromDense(X), Y, w, 16);
        for (String key : dense.keySet()) {
            assertEquals(dense.get(key), sparse.get(key), 1e-5, key);
        }
        assertEquals(model.evaluate(SparseRows.fromDense(X), Y, w), model.evaluate(SparseRows.fromDense(X), Y, w, 32));
    }

    @Test
    void fitLogsTheWeightedScoresThatEvaluateGivesWithSgdZero() {
        Sequential model = model();
        INDArray w = weights(3);
        Map<String, Double> expected = model.evaluate(X, Y, w);
        History history = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).sampleWeights(w).verbose(0));
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), history.last(key), 1e-5, key);
        }
    }

    @Test
    void classWeightsWeighTheTrainingMetricsAsTheSameSampleWeights() {
        Sequential model = model();
        Map<Integer, Double> classWeight = Map.of(0, 0.5, 1, 3.0);
        Map<String, Double> expected = model.evaluate(X, Y, ClassWeights.perRow(classWeight, Y, DataType.FLOAT));
        History history = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).classWeight(classWeight).verbose(0));
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), history.last(key), 1e-5, key);
        }
    }

    @Test
    void aValidationSplitKeepsTheSampleWeightsOfTheHeldOutRows() {
        Sequential model = model();
        INDArray w = weights(4);
        int split = 60; // validationSplit 1/3 of 90 rows
        Map<String, Double> expected = model.evaluate(X.get(NDArrayIndex.interval(split, N), NDArrayIndex.all()),
                Y.get(NDArrayIndex.interval(split, N), NDArrayIndex.all()),
                w.get(NDArrayIndex.interval(split, N)));
        History history = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).sampleWeights(w)
                .validationSplit(1.0 / 3).verbose(0));
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), history.last("val_" + key), 1e-6, key);
        }
    }

    @Test
    void classWeightsLeaveTheValidationScoresUnweightedAsInKeras() {
        Sequential model = model();
        int split = 60;
        Map<String, Double> expected = model.evaluate(X.get(NDArrayIndex.interval(split, N), NDArrayIndex.all()),
                Y.get(NDArrayIndex.interval(split, N), NDArrayIndex.all()));
        History history = model.fit(X, Y, FitOptions.epochs(1).batchSize(16).classWeight(Map.of(0, 0.5, 1, 3.0))
                .validationSplit(1.0 / 3).verbose(0));
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), history.last("val_" + key), 1e-6, key);
        }
    }

    @Test
    void badWeightsAreRejectedWithTheFix() {
        Sequential model = model();
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(X, Y, Nd4j.ones(N - 1)));
        assertEquals("evaluate: sampleWeights has 89 values for 90 rows; give one weight per row.", count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.evaluate(X, Y, Nd4j.ones(N).neg()));
    }
}
