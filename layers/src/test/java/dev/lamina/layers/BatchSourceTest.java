package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchSourceTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private static final INDArray X = TrainingTest.features(100, 6, 3);
    private static final INDArray Y = TrainingTest.binaryLabels(X);

    /** The rows of (x, y) in batches of {@code size}, in order. */
    static List<DataBatch> batches(INDArray x, INDArray y, int size) {
        List<DataBatch> batches = new ArrayList<>();
        for (long from = 0; from < x.size(0); from += size) {
            long to = Math.min(x.size(0), from + size);
            batches.add(DataBatch.of(rows(x, from, to), rows(y, from, to)));
        }
        return batches;
    }

    private static INDArray rows(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Test
    void aSourceOfTheArraysBatchesTrainsToTheSameWeightsAndHistoryAsTheArrays() {
        Sequential arrays = TrainingTest.binaryModel(5);
        Sequential streamed = TrainingTest.binaryModel(5);
        FitOptions options = FitOptions.epochs(3).batchSize(16).shuffle(false).verbose(0);
        History a = arrays.fit(X, Y, options.validationData(X, Y));
        History b = streamed.fit(BatchSource.of(batches(X, Y, 16)),
                options.validationData(BatchSource.of(batches(X, Y, 32))));
        assertEquals(arrays.getWeights(), streamed.getWeights());
        assertEquals(a.history().get("loss"), b.history().get("loss"));
        assertEquals(a.history().get("val_accuracy"), b.history().get("val_accuracy"));
    }

    @Test
    void sampleWeightsAndClassWeightsOfASourceWeighAsTheyDoForArrays() {
        INDArray w = Nd4j.arange(100).addi(5).divi(50).reshape(100, 1).castTo(X.dataType());   // 0.1 to 2.08
        Sequential arrays = TrainingTest.binaryModel(6);
        Sequential streamed = TrainingTest.binaryModel(6);
        FitOptions options = FitOptions.epochs(2).batchSize(25).shuffle(false).verbose(0);
        arrays.fit(X, Y, options.sampleWeights(w));
        List<DataBatch> weighted = new ArrayList<>();
        List<DataBatch> plain = batches(X, Y, 25);
        for (int i = 0; i < plain.size(); i++) {
            weighted.add(plain.get(i).withSampleWeights(rows(w, i * 25L, i * 25L + 25)));
        }
        streamed.fit(BatchSource.of(weighted), options);
        assertEquals(arrays.getWeights(), streamed.getWeights());

        Sequential classArrays = TrainingTest.binaryModel(6);
        Sequential classStreamed = TrainingTest.binaryModel(6);
        classArrays.fit(X, Y, options.classWeight(Map.of(0, 1.0, 1, 3.0)));
        classStreamed.fit(BatchSource.of(plain), options.classWeight(Map.of(0, 1.0, 1, 3.0)));
        assertEquals(classArrays.getWeights(), classStreamed.getWeights());
        Exception both = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(6)
                .fit(BatchSource.of(weighted), options.classWeight(Map.of(1, 3.0))));
        assertTrue(both.getMessage().contains("batch 1") && both.getMessage().contains("classWeight"),
                both.getMessage());
    }

    @Test
    void evaluateAndPredictOnASourceEqualTheArrays() {
        Sequential model = TrainingTest.binaryModel(8);
        model.fit(X, Y, FitOptions.epochs(2).verbose(0));
        Map<String, Double> fromArrays = model.evaluate(X, Y, 32);
        Map<String, Double> fromSource = model.evaluate(BatchSource.of(batches(X, Y, 32)));
        assertEquals(fromArrays.get("accuracy"), fromSource.get("accuracy"));
        assertEquals(fromArrays.get("loss"), fromSource.get("loss"), 1e-12);
        List<DataBatch> unlabelled = batches(X, Y, 30).stream().map(b -> DataBatch.features(b.features())).toList();
        assertEquals(model.predict(X, 30), model.predict(BatchSource.of(unlabelled)));
    }

    @Test
    void takeLimitsEveryPassAsKerasStepsDo() {
        Sequential model = TrainingTest.binaryModel(8);
        model.fit(X, Y, FitOptions.epochs(2).verbose(0));
        BatchSource all = BatchSource.of(batches(X, Y, 20));   // 5 batches
        assertEquals(2, all.take(2).batches());
        assertEquals(5, all.take(9).batches());
        Map<String, Double> firstForty = model.evaluate(all.take(2));   // Keras: evaluate(source, steps=2)
        assertEquals(model.evaluate(rows(X, 0, 40), rows(Y, 0, 40), 20).get("accuracy"), firstForty.get("accuracy"));
        assertEquals(40, model.predict(all.take(2)).size(0));
        assertEquals(100, model.predict(all.take(9)).size(0), "a pass ends early when the source does");

        Iterator<DataBatch> endless = new Iterator<>() {   // a generator that never ends, as Keras's can
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public DataBatch next() {
                return batches(X, Y, 20).get(next++ % 5);
            }
        };
        History history = TrainingTest.binaryModel(8).fit(BatchSource.once(endless), FitOptions.epochs(2)
                .stepsPerEpoch(5).validationData(all.take(3)).verbose(0));   // validation_steps=3
        assertEquals(2, history.history().get("val_loss").size());
        assertThrows(IllegalArgumentException.class, () -> all.take(0));
    }

    @Test
    void sparseBatchesTrainAsTheirDenseEquivalent() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 0, 0, 1, 0, 1}, {0, 1, 0, 0, 1, 0}, {1, 1, 0, 0, 0, 0},
                {0, 0, 1, 1, 0, 0}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}});
        Sequential dense = TrainingTest.binaryModel(2);
        Sequential sparse = TrainingTest.binaryModel(2);
        FitOptions options = FitOptions.epochs(3).batchSize(2).shuffle(false).verbose(0);
        dense.fit(BatchSource.of(batches(x, y, 2)), options);
        List<DataBatch> sparseBatches = batches(x, y, 2).stream()
                .map(b -> DataBatch.of(SparseRows.fromDense((INDArray) b.features()), b.labels())).toList();
        sparse.fit(BatchSource.of(sparseBatches), options);
        for (int i = 0; i < dense.getWeights().size(); i++) {
            assertTrue(dense.getWeights().get(i).equalsWithEps(sparse.getWeights().get(i), 1e-6));
        }
    }

    @Test
    void aOneShotSourceForSeveralEpochsIsAClearErrorBeforeAnyTraining() {
        Sequential model = TrainingTest.binaryModel(1);
        Exception e = assertThrows(IllegalArgumentException.class, () -> model.fit(
                BatchSource.once(batches(X, Y, 10).iterator()), FitOptions.epochs(3).verbose(0)));
        assertTrue(e.getMessage().contains("read only once") && e.getMessage().contains("stepsPerEpoch"),
                e.getMessage());
        assertTrue(model.fit(BatchSource.once(batches(X, Y, 10).iterator()), FitOptions.epochs(1).verbose(0))
                .last("loss") > 0);
    }

    @Test
    void stepsPerEpochTakesBatchesFromOnePassAcrossEpochsAndStopsWithAWarningWhenAOneShotSourceEnds() {
        Sequential model = TrainingTest.binaryModel(1);
        int[] batchesSeen = {0};
        Callback counter = LambdaCallback.create().onBatchEnd((batch, logs) -> batchesSeen[0]++);
        // 10 batches, 4 per epoch: epochs 1 and 2 take 8, epoch 3 gets the last 2 and the data runs out
        History history = model.fit(BatchSource.once(batches(X, Y, 10).iterator()),
                FitOptions.epochs(5).stepsPerEpoch(4).verbose(0).callbacks(counter));
        assertEquals(10, batchesSeen[0]);
        assertEquals(3, history.epochs().size());
        log.assertWarnings("ran out of data");
    }

    @Test
    void stepsPerEpochOnAReiterableSourceStartsANewPassWhenOneEnds() {
        List<Integer> opened = new ArrayList<>();
        BatchSource counting = new BatchSource() {
            @Override
            public Cursor open(int epoch) {
                opened.add(epoch);
                return BatchSource.of(BatchSourceTest.batches(X, Y, 25)).open(epoch); // 4 batches a pass
            }
        };
        Sequential model = TrainingTest.binaryModel(1);
        // 3 steps per epoch: epoch 0 takes batches 1-3, epoch 1 batch 4 (then the pass ends: a warning, as Keras),
        // epoch 2 opens a new pass and takes 3
        History history = model.fit(counting, FitOptions.epochs(3).stepsPerEpoch(3).verbose(0));
        assertEquals(List.of(0, 2), opened);
        assertEquals(3, history.epochs().size());
        log.assertWarnings("ran out of data");
    }

    @Test
    void stepsPerEpochAppliesToArraysThroughTheSameLoop() {
        int[] batchesSeen = {0};
        Callback counter = LambdaCallback.create().onBatchEnd((batch, logs) -> batchesSeen[0]++);
        // 100 rows in batches of 25: 4 a pass; 2 per epoch over 4 epochs read two passes, and no pass ends mid-epoch
        History history = TrainingTest.binaryModel(1).fit(X, Y, FitOptions.epochs(4).batchSize(25).stepsPerEpoch(2)
                .verbose(0).callbacks(counter));
        assertEquals(8, batchesSeen[0]);
        assertEquals(4, history.epochs().size());
    }

    @Test
    void aBadBatchIsReportedWithItsNumberAndTheFix() {
        List<DataBatch> batches = new ArrayList<>(batches(X, Y, 50));
        batches.set(1, DataBatch.of(Nd4j.zeros(50, 5), rows(Y, 50, 100)));
        Exception width = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(1)
                .fit(BatchSource.of(batches), FitOptions.epochs(1).verbose(0)));
        assertTrue(width.getMessage().contains("batch 2") && width.getMessage().contains("expects 6 input columns"),
                width.getMessage());
        Exception unlabelled = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(1)
                .fit(BatchSource.of(List.of(DataBatch.features(X))), FitOptions.epochs(1).verbose(0)));
        assertTrue(unlabelled.getMessage().contains("no labels"), unlabelled.getMessage());
        Exception empty = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(1)
                .fit(BatchSource.of(List.of()), FitOptions.epochs(1).verbose(0)));
        assertTrue(empty.getMessage().contains("no batches"), empty.getMessage());
        Exception split = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(1)
                .fit(BatchSource.of(batches), FitOptions.epochs(1).validationSplit(0.2)));
        assertTrue(split.getMessage().contains("validationData(source)"), split.getMessage());
    }

    @Test
    void aSourceBuildsAModelWithoutAnInputDimension() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(4, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(BatchSource.of(batches(X, Y, 20)), FitOptions.epochs(1).verbose(0));
        assertEquals(6, model.inputSize());
    }

    @Test
    void aPrefetchedSourceTrainsLikeTheSourceAndPassesOnItsFailures() throws InterruptedException {
        Sequential plain = TrainingTest.binaryModel(4);
        Sequential ahead = TrainingTest.binaryModel(4);
        FitOptions options = FitOptions.epochs(3).verbose(0);
        plain.fit(BatchSource.of(batches(X, Y, 16)).shuffled(50, 2), options);
        ahead.fit(BatchSource.of(batches(X, Y, 16)).shuffled(50, 2).prefetched(2), options);
        assertEquals(plain.getWeights(), ahead.getWeights());

        List<DataBatch> failing = new ArrayList<>(batches(X, Y, 50));
        failing.set(1, DataBatch.of(Nd4j.zeros(50, 5), rows(Y, 50, 100)));
        Exception e = assertThrows(IllegalArgumentException.class, () -> TrainingTest.binaryModel(1)
                .fit(BatchSource.of(failing).shuffled(10, 1).prefetched(1), FitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("shuffled: every batch must have the same"), e.getMessage());

        BatchSource.Cursor early = BatchSource.of(batches(X, Y, 1)).prefetched(1).open(0);
        early.next();
        early.close(); // stops the reading thread, which waits on a full queue
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            assertTrue(!thread.getName().equals("lamina-prefetch") || !thread.isAlive(), "a reader outlived its pass");
        }
    }

    @Test
    void shuffledSourceYieldsEveryRowOnceInAnOrderSetBySeedAndEpoch() {
        INDArray ids = Nd4j.arange(100).reshape(100, 1).castTo(X.dataType());
        BatchSource source = BatchSource.of(batches(ids, ids, 10));
        float[] epoch0 = firstColumn(source.shuffled(30, 7), 0);
        float[] sorted = epoch0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(ids.data().asFloat(), sorted);
        assertArrayEquals(epoch0, firstColumn(source.shuffled(30, 7), 0));
        assertNotEquals(Arrays.toString(epoch0), Arrays.toString(firstColumn(source.shuffled(30, 7), 1)));
        assertNotEquals(Arrays.toString(epoch0), Arrays.toString(firstColumn(source.shuffled(30, 8), 0)));
        // a bounded buffer: no row leaves before 30 - 1 rows after it could have entered
        for (int i = 0; i < epoch0.length; i++) {
            assertTrue(epoch0[i] <= i + 29, "row " + epoch0[i] + " came out at position " + i);
        }
    }

    /** The features' first column over a pass, checking that labels travel with their rows. */
    private static float[] firstColumn(BatchSource source, int epoch) {
        List<Float> values = new ArrayList<>();
        try (BatchSource.Cursor cursor = source.open(epoch)) {
            while (cursor.hasNext()) {
                DataBatch batch = cursor.next();
                assertEquals(batch.features(), batch.labels());
                for (float v : ((INDArray) batch.features()).data().asFloat()) {
                    values.add(v);
                }
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void shuffledSparseRowsKeepTheirColumnsValuesLabelsAndWeights() {
        SparseRows x = new SparseRows(5, new int[] {0, 2, 3, 5}, new int[] {0, 4, 2, 1, 3}, new float[] {1, 2, 3, 4,
                5});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {2}});
        INDArray w = y.add(0.5f); // each row's weight: its index + 0.5
        BatchSource shuffled = BatchSource.of(List.of(DataBatch.of(x, y).withSampleWeights(w))).shuffled(3, 1);
        try (BatchSource.Cursor cursor = shuffled.open(0)) {
            DataBatch batch = cursor.next();
            INDArray dense = ((SparseRows) batch.features()).toDense();
            INDArray original = x.toDense();
            for (int r = 0; r < 3; r++) {
                int source = (int) batch.labels().getFloat(r, 0);
                assertEquals(original.getRow(source), dense.getRow(r));
                assertEquals(source + 0.5f, batch.sampleWeights().getFloat(r, 0));
            }
        }
    }
}
