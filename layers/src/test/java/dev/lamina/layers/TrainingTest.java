package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.core.optimizer.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingTest {

    static INDArray features(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(x);
    }

    static INDArray binaryLabels(INDArray x) {
        // label = 1 when the first two features sum to more than 0
        INDArray s = x.getColumn(0).add(x.getColumn(1));
        return s.gt(0).castTo(x.dataType()).reshape(x.size(0), 1);
    }

    static Sequential binaryModel(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new RMSprop(0.01), "binary_crossentropy", "accuracy");
        return model;
    }

    @Test
    void sameSeedSameDataGivesIdenticalWeights() {
        INDArray x = features(200, 6, 1);
        INDArray y = binaryLabels(x);
        Sequential a = binaryModel(7);
        Sequential b = binaryModel(7);
        a.fit(x, y, FitOptions.epochs(3).batchSize(16).verbose(0));
        b.fit(x, y, FitOptions.epochs(3).batchSize(16).verbose(0));
        assertEquals(a.getWeights(), b.getWeights());
    }

    @Test
    void labelsThatAreAStridedColumnViewEvaluateLikeACopy() {
        float[][] values = new float[100][1000];
        Random random = new Random(9);
        for (float[] row : values) {
            for (int k = 0; k < 30; k++) {
                row[random.nextInt(1000)] = 1f;
            }
        }
        INDArray x = Nd4j.create(values);
        INDArray column = x.getColumn(0).reshape(100, 1); // a view with stride 1000
        Sequential model = new Sequential().seed(4);
        model.add(new Dense(16, "relu", 1000));
        model.add(new Dense(1, "sigmoid"));
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        assertEquals(model.evaluate(x, column.dup()), model.evaluate(x, column));
    }

    @Test
    void historyMatchesEvaluateOnTheValidationData() {
        INDArray x = features(300, 6, 2);
        INDArray y = binaryLabels(x);
        Sequential model = binaryModel(3);
        History history = model.fit(x, y, FitOptions.epochs(2).batchSize(32).validationSplit(0.4).verbose(0));
        INDArray xVal = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(180, 300),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yVal = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(180, 300),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        Map<String, Double> scores = model.evaluate(xVal, yVal);
        assertEquals(scores.get("loss"), history.last("val_loss"), 1e-6);
        assertEquals(scores.get("accuracy"), history.last("val_accuracy"), 1e-9);
        assertEquals(List.of(0, 1), history.epochs());
    }

    @Test
    void regressionMetricsCompiledByNameAreLoggedUnderThatNameInHistoryAndEvaluate() {
        INDArray x = features(200, 6, 12);
        INDArray y = x.getColumn(0).mul(2).add(x.getColumn(1)).reshape(200, 1);
        Sequential model = new Sequential().seed(12);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "linear"));
        model.compile(new RMSprop(0.01), "mse", "mae", "mse", "rmse", "mape", "r2_score");
        History history = model.fit(x, y, FitOptions.epochs(2).batchSize(32).validationSplit(0.25).verbose(0));
        INDArray xVal = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(150, 200),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray yVal = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(150, 200),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        Map<String, Double> scores = model.evaluate(xVal, yVal, 7);
        assertEquals(List.of("loss", "mae", "mse", "rmse", "mape", "r2_score"), List.copyOf(scores.keySet()));
        for (String name : List.of("mae", "mse", "rmse", "mape", "r2_score")) {
            assertEquals(2, history.get(name).size(), name);
            // float32 outputs computed in other batch sizes: equal to float32 precision
            assertEquals(scores.get(name), history.last("val_" + name), 1e-6 * Math.max(1, scores.get(name)), name);
        }
        assertEquals(scores.get("loss"), scores.get("mse"), 1e-5); // the mse loss and the mse metric agree
        assertEquals(Math.sqrt(scores.get("mse")), scores.get("rmse"), 1e-9);
    }

    @Test
    void classificationMetricsFromEvaluateEqualTheSameMetricsOnPredictOutput() {
        INDArray x = features(150, 6, 14);
        INDArray y = binaryLabels(x);
        Sequential model = binaryModel(14);
        model.fit(x, y, FitOptions.epochs(1).verbose(0));
        List<String> names = List.of("precision", "recall", "auc", "f1_score", "fbeta_score");
        model.compile(new RMSprop(0.01), "binary_crossentropy", names.toArray(String[]::new));
        Map<String, Double> scores = model.evaluate(x, y); // batches of 32, as predict: the same outputs
        INDArray predictions = model.predict(x);
        for (String name : names) {
            dev.lamina.core.metric.Metric metric = dev.lamina.core.metric.Metrics.get(name, 1, 1);
            metric.update(predictions, y);
            assertEquals(metric.result(), scores.get(name), 1e-12, name);
        }
    }

    @Test
    void topKAccuracyIsLoggedForOneHotAndSparseLabels() {
        INDArray x = features(120, 6, 13);
        INDArray sparse = x.getColumn(0).gt(0).castTo(x.dataType()).add(x.getColumn(1).gt(0).castTo(x.dataType()))
                .reshape(120, 1);
        INDArray oneHot = org.nd4j.linalg.factory.Nd4j.zeros(x.dataType(), 120, 3);
        for (int i = 0; i < 120; i++) {
            oneHot.putScalar(i, sparse.getInt(i, 0), 1);
        }
        Sequential model = new Sequential().seed(13);
        model.add(new Dense(3, "softmax", 6));
        model.compile(new RMSprop(0.01), "categorical_crossentropy", "top_k_categorical_accuracy");
        assertEquals(1.0, model.fit(x, oneHot, FitOptions.epochs(1).verbose(0)).last("top_k_categorical_accuracy"));
        model.compile(new RMSprop(0.01), "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy");
        assertEquals(1.0, model.evaluate(x, sparse).get("sparse_top_k_categorical_accuracy")); // 3 classes, k = 5
    }

    @Test
    void trainingLossWithoutShufflingMatchesEvaluateForOneFullBatchWithSgdZero() {
        INDArray x = features(64, 6, 3);
        INDArray y = binaryLabels(x);
        Sequential model = new Sequential().seed(4);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.0), "binary_crossentropy", "accuracy");
        Map<String, Double> before = model.evaluate(x, y);
        History history = model.fit(x, y, FitOptions.epochs(1).batchSize(64).verbose(0));
        assertEquals(before.get("loss"), history.last("loss"), 1e-6);
        assertEquals(before.get("accuracy"), history.last("accuracy"), 1e-9);
    }

    @Test
    void evaluateDoesNotDependOnBatchSize() {
        INDArray x = features(101, 6, 5);
        INDArray y = binaryLabels(x);
        Sequential model = binaryModel(5);
        Map<String, Double> a = model.evaluate(x, y, 7);
        Map<String, Double> b = model.evaluate(x, y, 1000);
        assertEquals(a.get("loss"), b.get("loss"), 1e-6);
        assertEquals(a.get("accuracy"), b.get("accuracy"));
    }

    @Test
    void uncompiledModelCannotFit() {
        Sequential model = new Sequential();
        model.add(new Dense(1, "sigmoid", 3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(Nd4j.rand(4, 3), Nd4j.zeros(4, 1), FitOptions.epochs(1)));
        assertTrue(e.getMessage().contains("is not compiled"), e.getMessage());
    }

    @Test
    void labelsWithTheWrongShapeAreRejected() {
        Sequential model = binaryModel(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(features(10, 6, 1), Nd4j.zeros(10, 2), FitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("expects labels of shape [10, 1]; got [10, 2]"), e.getMessage());
    }

    @Test
    void rowCountsMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> binaryModel(1).fit(features(10, 6, 1), Nd4j.zeros(9, 1), FitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("x has 10 rows but y has 9"), e.getMessage());
    }

    @Test
    void batchSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).batchSize(0));
    }

    @Test
    void nanLossStopsTrainingAndKeepsThePreviousWeights() {
        INDArray x = features(64, 6, 6).muli(1e3);
        INDArray y = features(64, 1, 7).muli(1e3);
        Sequential model = new Sequential().seed(8);
        model.add(new Dense(8, "exponential", 6));
        model.add(new Dense(1));
        model.compile(new SGD(1.0), "mse");
        List<INDArray> before = model.getWeights();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> model.fit(x, y, FitOptions.epochs(3).batchSize(64).verbose(0)));
        assertEquals(0, e.epoch());
        assertEquals(0, e.batch());
        assertTrue(e.getMessage().contains("epoch 1, batch 1"), e.getMessage());
        assertEquals(before, model.getWeights());
    }

    @Test
    void outOfMemoryStopsTrainingWithAClearMessageAndKeepsTheModelUsable() {
        INDArray x = features(64, 6, 21);
        INDArray y = binaryLabels(x);
        int[] calls = {0};
        Sequential model = new Sequential().seed(22);
        model.add(new Dense(4, dev.lamina.core.activation.ActivationFunction.named("flaky", t -> {
            if (t.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT && t.size(0) == 16 && ++calls[0] == 3) {
                throw new OutOfMemoryError("Cannot allocate new FloatPointer");
            }
            return t.mul(2);
        }), 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(0.1), "binary_crossentropy");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(x, y, FitOptions.epochs(2).batchSize(16).verbose(0)));
        assertTrue(e.getMessage().startsWith("Out of memory at epoch 1, batch 3"), e.getMessage());
        assertEquals(64, model.predict(x).size(0));
        assertTrue(model.evaluate(x, y).get("loss") > 0);
    }

    @Test
    void terminateOnNanStopsQuietly() {
        INDArray x = features(64, 6, 6).muli(1e3);
        INDArray y = features(64, 1, 7);
        Sequential model = new Sequential().seed(8);
        model.add(new Dense(8, "exponential", 6));
        model.add(new Dense(1));
        model.compile(new SGD(1.0), "mse");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        History history = model.fit(x, y, FitOptions.epochs(3).batchSize(64).verbose(0)
                .callbacks(new TerminateOnNaN(new java.io.PrintStream(printed, true))));
        assertTrue(history.epochs().isEmpty());
        assertTrue(printed.toString().startsWith("Batch 0: Invalid loss "), printed.toString());
    }

    @Test
    void sampleWeightsOfZeroIgnoreRows() {
        INDArray x = features(40, 6, 9);
        INDArray y = binaryLabels(x);
        INDArray weights = Nd4j.ones(40);
        weights.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(20, 40)).assign(0);
        Sequential a = binaryModel(10);
        Sequential b = binaryModel(10);
        INDArray first = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        INDArray firstY = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        a.compile(new SGD(0.1), "binary_crossentropy");
        b.compile(new SGD(0.05), "binary_crossentropy");
        a.fit(x, y, FitOptions.epochs(1).batchSize(40).shuffle(false).sampleWeights(weights).verbose(0));
        // half the rows weighted 0, mean over all 40 rows: the same step as lr/2 on the 20 others
        b.fit(first, firstY, FitOptions.epochs(1).batchSize(20).shuffle(false).verbose(0));
        List<INDArray> wa = a.getWeights();
        List<INDArray> wb = b.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertTrue(wa.get(i).equalsWithEps(wb.get(i), 1e-6), "weight " + i);
        }
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        INDArray x = features(100, 6, 11);
        INDArray y = binaryLabels(x);
        Sequential model = binaryModel(12);
        model.compile(new SGD(0.0), "binary_crossentropy", "accuracy"); // nothing improves
        EarlyStopping stopping = new EarlyStopping("val_loss", 0.0, 2, true);
        History history = model.fit(x, y, FitOptions.epochs(20).validationSplit(0.2).verbose(0)
                .callbacks(stopping));
        assertEquals(3, history.epochs().size());
        assertEquals(2, stopping.stoppedEpoch());
        assertEquals(0, stopping.bestEpoch());
    }

    @Test
    void userCallbacksSeeEveryEpochAndBatch() {
        INDArray x = features(50, 6, 13);
        INDArray y = binaryLabels(x);
        List<String> events = new ArrayList<>();
        binaryModel(14).fit(x, y, FitOptions.epochs(2).batchSize(25).verbose(0).callbacks(new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                events.add("e" + epoch);
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                events.add("b" + batch);
            }
        }));
        assertEquals(List.of("e0", "b0", "b1", "e1", "b0", "b1"), events);
    }

    @Test
    void reduceLrOnPlateauLowersTheLearningRate() {
        INDArray x = features(60, 6, 15);
        INDArray y = binaryLabels(x);
        Sequential model = binaryModel(16);
        model.compile(new SGD(0.0), "binary_crossentropy");
        model.optimizer().setLearningRate(1e-9);
        model.fit(x, y, FitOptions.epochs(4).validationSplit(0.5).verbose(0)
                .callbacks(new ReduceLROnPlateau("val_loss", 0.5, 1, 1e-4, 0, 0.0)));
        assertTrue(model.optimizer().learningRate() < 1e-9);
    }

    @Test
    void initialEpochResumesNumbering() {
        INDArray x = features(30, 6, 17);
        History history = binaryModel(18).fit(x, binaryLabels(x), FitOptions.epochs(5).initialEpoch(3).verbose(0));
        assertEquals(List.of(3, 4), history.epochs());
    }

    @Test
    void verboseTwoPrintsOneLinePerEpoch() {
        INDArray x = features(30, 6, 19);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(bytes, true));
        try {
            binaryModel(20).fit(x, binaryLabels(x), FitOptions.epochs(2).batchSize(10).verbose(2));
        } finally {
            System.setOut(original);
        }
        String[] lines = bytes.toString().split("\n");
        assertEquals(4, lines.length, bytes.toString());
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("3/3 - \\d+s - \\d+(s|ms|us)/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}"),
                lines[1]);
    }
}
