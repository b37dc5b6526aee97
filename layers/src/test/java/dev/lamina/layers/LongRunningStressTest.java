package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.RMSprop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A model inside a long-running service: many threads predicting at once, a million single-row predictions and
 * thousands of training steps with flat resident memory. Run with {@code mvn verify -Pstress} (part of .ci/run).
 */
@Tag("stress")
class LongRunningStressTest {

    static Sequential imdbLike(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(16, "relu", 1000));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new RMSprop(1e-3), "binary_crossentropy", "accuracy");
        return model;
    }

    static INDArray multiHot(int rows, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, rows, 1000);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 30; k++) {
                x.putScalar(r, random.nextInt(1000), 1f);
            }
        }
        return x;
    }

    @Test
    void concurrentPredictionsEqualSerialOnesBitForBitAtEveryBatchSize() throws Exception {
        Sequential model = imdbLike(1);
        INDArray x = multiHot(300, 2);
        int[] batchSizes = {1, 3, 8, 9, 32, 300};
        List<INDArray> serial = new ArrayList<>();
        for (int b : batchSizes) {
            serial.add(model.predict(x, b));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        int k = (thread + i) % batchSizes.length;
                        if (!model.predict(x, batchSizes[k]).equals(serial.get(k))) {
                            return false;
                        }
                        int row = (thread * 37 + i) % 300;
                        INDArray one = x.get(NDArrayIndex.interval(row, row + 1), NDArrayIndex.all());
                        if (!model.predict(one).equals(serial.get(0).getRow(row, true))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictionsMayRunWhileTrainingAndASecondFitIsRefused() throws Exception {
        Sequential model = imdbLike(3);
        INDArray x = multiHot(2000, 4);
        INDArray y = x.getColumn(0).add(x.getColumn(1)).gt(0).castTo(DataType.FLOAT).reshape(2000, 1);
        AtomicBoolean training = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> predictors = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                predictors.add(pool.submit(() -> {
                    int calls = 0;
                    while (training.get()) {
                        INDArray p = model.predict(x.get(NDArrayIndex.interval(0, 64), NDArrayIndex.all()));
                        assertFalse(NonFinite.any(p));
                        calls++;
                    }
                    return calls;
                }));
            }
            Future<?> fit = pool.submit(() -> model.fit(x, y, FitOptions.epochs(15).batchSize(64).verbose(0)));
            Thread.sleep(100);
            IllegalStateException second = assertThrows(IllegalStateException.class,
                    () -> model.fit(x, y, FitOptions.epochs(1).verbose(0)));
            assertTrue(second.getMessage().contains("is already training in another thread"), second.getMessage());
            fit.get();
            training.set(false);
            for (Future<Integer> predictor : predictors) {
                assertTrue(predictor.get() > 0);
            }
        } finally {
            training.set(false);
            pool.shutdownNow();
        }
        assertEquals(model.predict(x, 7), model.predict(x, 2000));
    }

    @Test
    void aMillionSingleRowPredictionsKeepResidentMemoryFlat() throws Exception {
        Sequential model = imdbLike(5);
        INDArray rows = multiHot(100, 6);
        INDArray[] singles = new INDArray[100];
        for (int i = 0; i < 100; i++) {
            singles[i] = rows.getRow(i, true).dup();
        }
        for (int i = 0; i < 100_000; i++) {
            model.predict(singles[i % 100]);
        }
        double before = ResidentMemory.settledMegabytes();
        double checksum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            checksum += model.predict(singles[i % 100]).getDouble(0);
        }
        double after = ResidentMemory.settledMegabytes();
        assertTrue(checksum > 0);
        assertTrue(after - before < 50, "resident memory grew from " + before + " MB to " + after + " MB");
    }

    @Test
    void twoThousandTrainingStepsKeepResidentMemoryFlat() throws Exception {
        Sequential model = imdbLike(7);
        INDArray x = multiHot(512, 8);
        INDArray y = x.getColumn(3).reshape(512, 1);
        // warm-up long enough for the JIT and the allocator to settle (measured: RSS rises ~30 MB over the first
        // ~2,800 steps, then stays within 0.3 MB per further 2,000 steps)
        model.fit(x, y, FitOptions.epochs(750).batchSize(128).verbose(0));
        double before = ResidentMemory.settledMegabytes();
        model.fit(x, y, FitOptions.epochs(500).batchSize(128).verbose(0)); // 2,000 steps
        double after = ResidentMemory.settledMegabytes();
        assertTrue(after - before < 50, "resident memory grew from " + before + " MB to " + after + " MB");
    }
}
