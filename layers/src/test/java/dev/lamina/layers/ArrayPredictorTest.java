package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.HostFloats;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArrayPredictorTest {

    private static Sequential model(String hidden, String output) {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(24, hidden, 40));
        model.add(new Dropout(0.5));
        model.add(new Dense(5, output));
        return model;
    }

    private static float[] rows(int rows, int columns, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void arrayPredictionsEqualTheIndArrayApiBitForBit() {
        Sequential model = model("relu", "sigmoid");
        float[] x = rows(1, 40, 1);
        INDArray expected = model.predict(Nd4j.create(x, new long[] {1, 40}, 'c'));
        assertArrayEquals(HostFloats.of(expected), model.predict(x));
    }

    @Test
    void manyRowsRunInChunksAndMatchTheBatchedIndArrayPath() {
        Sequential model = model("tanh", "softmax");
        float[] x = rows(19, 40, 2);
        float[] out = new float[19 * 5];
        assertSame(out, model.predict(x, out));
        float[] reference = HostFloats.of(model.predict(Nd4j.create(x, new long[] {19, 40}, 'c'), 19)); // ND4J gemm
        for (int i = 0; i < out.length; i++) {
            assertEquals(reference[i], out[i], 1e-6, "value " + i);
        }
    }

    @Test
    void everyActivationInJavaMatchesNd4j() {
        for (String activation : new String[] {"relu", "sigmoid", "tanh", "softmax", "linear", "elu", "gelu"}) {
            Sequential model = model(activation, activation);
            float[] x = rows(9, 40, 3);
            float[] inJava = model.predict(x); // 8 + 1 rows through the Java kernels
            float[] inNd4j = HostFloats.of(model.predict(Nd4j.create(x, new long[] {9, 40}, 'c'), 9));
            for (int i = 0; i < inJava.length; i++) {
                assertEquals(inNd4j[i], inJava[i], 1e-5, activation + " value " + i);
            }
        }
    }

    @Test
    void aSparseRowEqualsTheSparseRowsApi() {
        Sequential model = model("relu", "sigmoid");
        int[] indices = {0, 7, 39, 12};
        float[] values = {1f, 2.5f, -1f, 0.5f};
        INDArray expected = model.predict(new SparseRows(40, new int[] {0, 4}, indices, values));
        assertArrayEquals(HostFloats.of(expected), model.predict(indices, values));
        INDArray multiHot = model.predict(SparseRows.multiHot(40, new int[][] {{3, 9}}));
        assertArrayEquals(HostFloats.of(multiHot), model.predict(new int[] {3, 9}, null, new float[5]));
    }

    @Test
    void aFloat64ModelPredictsThroughNd4j() {
        Sequential model = new Sequential().seed(4).dataType(DataType.DOUBLE);
        model.add(new Dense(3, "relu", 6));
        model.add(new Dense(2, "softmax"));
        float[] x = rows(2, 6, 5);
        INDArray expected = model.predict(Nd4j.create(x, new long[] {2, 6}, 'c'));
        assertArrayEquals(HostFloats.of(expected), model.predict(x));
    }

    @Test
    void anUnbuiltModelIsBuiltFromOneRow() {
        Sequential model = new Sequential().seed(6);
        model.add(new Dense(4, "relu"));
        model.add(new Dense(1, "sigmoid"));
        assertEquals(1, model.predict(new float[12]).length);
        assertEquals(12, model.inputSize());
    }

    @Test
    void badArraysAreRefusedWithTheReason() {
        Sequential model = model("relu", "sigmoid");
        String partial = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[41])).getMessage();
        assertTrue(partial.contains("41 feature values are not whole rows of the model's 40 inputs"), partial);
        String small = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[80], new float[9])).getMessage();
        assertTrue(small.contains("out holds 9 values; 2 row(s) of 5 outputs need 10"), small);
        String index = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new int[] {1, 40}, null)).getMessage();
        assertTrue(index.contains("indices[1] = 40 is outside the model's 40 inputs"), index);
        String count = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new int[] {1, 2}, new float[] {1f})).getMessage();
        assertTrue(count.contains("2 indices but 1 values"), count);
        String nan = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new int[] {1, 2}, new float[] {1f, Float.NaN})).getMessage();
        assertTrue(nan.contains("values[1] is NaN (at column 2)"), nan);
        float[] x = new float[40];
        x[17] = Float.POSITIVE_INFINITY;
        String infinite = assertThrows(IllegalArgumentException.class, () -> model.predict(x)).getMessage();
        assertTrue(infinite.contains("x contains NaN or infinite values (first at row 0, column 17)"), infinite);
    }

    @Test
    void sparseRowsNeedAFirstDenseLayer() {
        Sequential model = new Sequential();
        model.add(new Dropout(0.1));
        model.add(new Dense(2, "relu"));
        model.build(10);
        String message = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new int[] {1}, null)).getMessage();
        assertTrue(message.contains("only an input of a first Dense layer"), message);
    }

    @Test
    void predictingIntoTheCallersArrayAllocatesNothing() {
        Sequential model = model("relu", "sigmoid");
        float[] x = rows(1, 40, 7);
        int[] indices = {2, 5, 30};
        float[] out = new float[5];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) { // until the JIT has compiled the path
            model.predict(x, out);
            model.predict(indices, null, out);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 10_000; i++) {
            model.predict(x, out);
            model.predict(indices, null, out);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 1024, "20,000 predictions allocated " + allocated + " bytes");
    }
}
