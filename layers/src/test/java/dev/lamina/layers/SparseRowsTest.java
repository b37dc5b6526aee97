package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.RMSprop;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The sparse first-layer path gives the dense path's outputs, gradients and trained weights. */
class SparseRowsTest {

    static SparseRows randomMultiHot(int rows, int columns, int perRow, long seed) {
        Random random = new Random(seed);
        int[][] indices = new int[rows][];
        for (int r = 0; r < rows; r++) {
            indices[r] = random.ints(0, columns).distinct().limit(1 + random.nextInt(perRow)).sorted().toArray();
        }
        return SparseRows.multiHot(columns, indices);
    }

    static Sequential model() {
        return model(16);
    }

    static Sequential model(int firstUnits) {
        Sequential model = new Sequential().seed(21);
        model.add(new Dense(firstUnits, "relu", 500));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new RMSprop(1e-3), "binary_crossentropy", "accuracy");
        return model;
    }

    static INDArray labels(int rows, long seed) {
        Random random = new Random(seed);
        float[][] y = new float[rows][1];
        for (float[] row : y) {
            row[0] = random.nextBoolean() ? 1 : 0;
        }
        return Nd4j.createFromArray(y);
    }

    @Test
    void toDenseRoundTripsThroughFromDense() {
        SparseRows sparse = randomMultiHot(20, 50, 6, 1);
        SparseRows back = SparseRows.fromDense(sparse.toDense());
        assertEquals(sparse.toDense(), back.toDense());
    }

    @Test
    void sparsePredictionsEqualDensePredictions() {
        SparseRows x = randomMultiHot(100, 500, 40, 2);
        Sequential model = model();
        INDArray dense = model.predict(x.toDense(), 32);
        INDArray sparse = model.predict(x, 32);
        assertTrue(dense.equalsWithEps(sparse, 1e-6));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "first layer of {0} units")
    @org.junit.jupiter.params.provider.ValueSource(ints = {5, 16, 21, 64, 256})
    void sparseGradientsEqualDenseGradients(int units) {
        SparseRows x = randomMultiHot(64, 500, 40, 3);
        INDArray y = labels(64, 3);
        Sequential a = model(units);
        Sequential b = model(units);
        new Backprop(a).compute(new Batch.Dense(x.toDense()), y, null);
        new Backprop(b).compute(new Batch.Sparse(x), y, null);
        assertTrue(a.weights().gradients().equalsWithEps(b.weights().gradients(), 1e-6));
        assertTrue(a.weights().gradients().norm2Number().doubleValue() > 0);
    }

    @Test
    void sparseGradientStaysExactWhenBatchesTouchDifferentRows() {
        Sequential dense = model();
        Sequential sparse = model();
        Backprop denseStep = new Backprop(dense);
        Backprop sparseStep = new Backprop(sparse);
        for (int batch = 0; batch < 4; batch++) { // the third batch reaches the sparse model as dense rows
            SparseRows x = randomMultiHot(32, 500, 40, 100 + batch);
            INDArray y = labels(32, 100 + batch);
            denseStep.compute(new Batch.Dense(x.toDense()), y, null);
            sparseStep.compute(batch == 2 ? new Batch.Dense(x.toDense()) : new Batch.Sparse(x), y, null);
            assertTrue(dense.weights().gradients().equalsWithEps(sparse.weights().gradients(), 1e-6),
                    "batch " + batch);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"relu", "sigmoid", "tanh", "softmax", "elu", "gelu"})
    void fewRowInferenceInJavaEqualsTheNd4jPath(String activation) {
        SparseRows x = randomMultiHot(40, 500, 40, 6);
        Sequential model = new Sequential().seed(9);
        model.add(new Dense(24, activation, 500));
        model.add(new Activation("relu"));
        model.add(new Dense(3, activation));
        INDArray batched = model.predict(x.toDense(), 40); // ND4J gemm path
        INDArray sparseBatched = model.predict(x, 40);
        for (int rows : new int[] {1, 3, Pass.MAX_JAVA_ROWS}) { // Java path
            INDArray expected = batched.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertTrue(expected.equalsWithEps(model.predict(x.slice(0, rows).toDense()), 1e-6), rows + " dense rows");
            assertTrue(expected.equalsWithEps(model.predict(x.slice(0, rows)), 1e-6), rows + " sparse rows");
        }
        assertTrue(batched.equalsWithEps(sparseBatched, 1e-6));
    }

    @Test
    void sparseTrainingGivesTheDenseTrainedWeights() {
        SparseRows x = randomMultiHot(300, 500, 40, 4);
        INDArray y = labels(300, 4);
        Sequential dense = model();
        Sequential sparse = model();
        History hd = dense.fit(x.toDense(), y, FitOptions.epochs(3).batchSize(64).seed(5).verbose(0));
        History hs = sparse.fit(x, y, FitOptions.epochs(3).batchSize(64).seed(5).verbose(0));
        List<INDArray> wd = dense.getWeights();
        List<INDArray> ws = sparse.getWeights();
        for (int i = 0; i < wd.size(); i++) {
            assertTrue(wd.get(i).equalsWithEps(ws.get(i), 1e-5), "weight " + i);
        }
        assertEquals(hd.last("loss"), hs.last("loss"), 1e-5);
        assertEquals(dense.evaluate(x.toDense(), y).get("loss"), sparse.evaluate(x, y, 32).get("loss"), 1e-5);
    }

    @Test
    void valuesOtherThanOneAreHonoured() {
        INDArray denseX = Nd4j.createFromArray(new float[][] {{0, 2.5f, 0, -1}, {3, 0, 0, 0}});
        Sequential model = new Sequential().seed(2);
        model.add(new Dense(3, "tanh", 4));
        assertTrue(model.predict(denseX).equalsWithEps(model.predict(SparseRows.fromDense(denseX)), 1e-6));
    }

    @Test
    void columnOutOfRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseRows.multiHot(10, new int[][] {{1, 10}}));
        assertTrue(e.getMessage().contains("column index 10 at position 1 is outside [0, 10)"), e.getMessage());
    }

    @Test
    void widthMustMatchTheModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model().predict(SparseRows.multiHot(400, new int[][] {{1}})));
        assertTrue(e.getMessage().contains("expects 500 input columns; the sparse rows have 400"), e.getMessage());
    }
}
