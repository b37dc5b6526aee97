package dev.lamina.layers;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Dense layer's products with sparse rows {@code X}: {@code X W + b} (gathering the kernel rows of each row's
 * non-zeros) and the kernel gradient {@code X^T delta} (scattering each row's delta into the kernel rows of its
 * non-zeros). The kernel is read from the model's Java copy of its weights, so a step copies no kernel; the gradient
 * is accumulated in Java and only the kernel rows a batch touches are written to ND4J (with the rows the previous
 * batch touched reset to zero), so a step's cost follows the non-zeros, not the kernel size.
 *
 * <pre>{@code
 * SparseProduct product = new SparseProduct();
 * product.multiply(x, kernel, kernelFrom, bias, units, out);
 * product.gradient(x, delta, units, kernelGradient);
 * }</pre>
 */
final class SparseProduct {

    private float[] gradient = new float[0];
    private int[] touched = new int[0];
    private int touchedCount;
    /** When ND4J's gradient array was last written whole (by a dense batch), every row must be rewritten. */
    private boolean gradientDirty = true;
    private int[] stamp = new int[0];
    private int stampValue;

    /** Marks the ND4J kernel gradient as written whole by someone else (a dense batch). */
    void gradientOverwritten() {
        gradientDirty = true;
    }

    /**
     * {@code out [rows, units] = x @ kernel + bias}, with {@code kernel} the row-major {@code [columns, units]} block of
     * {@code weights} starting at {@code kernelFrom}, and {@code bias} ({@code units} values from {@code biasFrom}, or
     * {@code biasFrom < 0} for none).
     */
    static float[] multiply(SparseRows x, float[] weights, int kernelFrom, int biasFrom, int units) {
        int rows = (int) x.rows();
        float[] out = new float[rows * units];
        int[] offsets = x.offsets();
        int[] columns = x.columnIndices();
        float[] values = x.values();
        int parts = FastPaths.parts((long) x.nonZeros() * units);
        FastPaths.split(rows, parts, (from, to) -> {
            SparseKernels.gatherRows(offsets, columns, values, weights, kernelFrom, units, out, from, to);
            if (biasFrom >= 0) {
                for (int r = from; r < to; r++) {
                    for (int u = 0; u < units; u++) {
                        out[r * units + u] += weights[biasFrom + u];
                    }
                }
            }
        });
        return out;
    }

    /**
     * Writes {@code x^T delta} into {@code kernelGradient} ({@code [columns, units]}, row-major float32) and returns
     * the column sums of {@code delta} (the bias gradient).
     */
    float[] gradient(SparseRows x, float[] delta, int units, INDArray kernelGradient) {
        int columnsCount = (int) x.columns();
        int length = columnsCount * units;
        if (gradient.length != length) {
            gradient = new float[length];
            stamp = new int[columnsCount];
            touched = new int[0];
            touchedCount = 0;
            gradientDirty = true;
        }
        int[] offsets = x.offsets();
        int[] columns = x.columnIndices();
        float[] values = x.values();
        FloatBuffer target = HostFloats.buffer(kernelGradient);
        // rows the previous batch touched: zero them in ND4J (their Java rows were reset after writing)
        if (!gradientDirty) {
            float[] zeros = new float[units];
            for (int k = 0; k < touchedCount; k++) {
                target.put(touched[k] * units, zeros, 0, units);
            }
        }
        collectTouched(columns, columnsCount);
        int[] split = balancedSplit(columns, columnsCount, FastPaths.parts((long) columns.length * units));
        FastPaths.split(split.length - 1, split.length - 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                SparseKernels.scatterColumns(offsets, columns, values, delta, units, gradient, split[p], split[p + 1]);
            }
        });
        if (gradientDirty) {
            target.put(0, gradient, 0, length);
            gradientDirty = false;
        } else {
            for (int k = 0; k < touchedCount; k++) {
                target.put(touched[k] * units, gradient, touched[k] * units, units);
            }
        }
        for (int k = 0; k < touchedCount; k++) {
            Arrays.fill(gradient, touched[k] * units, (touched[k] + 1) * units, 0f);
        }
        float[] biasGradient = new float[units];
        int rows = offsets.length - 1;
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                biasGradient[u] += delta[r * units + u];
            }
        }
        return biasGradient;
    }

    /** The distinct columns of this batch's non-zeros, in {@code touched[0..touchedCount)}. */
    private void collectTouched(int[] columns, int columnsCount) {
        if (++stampValue == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            stampValue = 1;
        }
        if (touched.length < Math.min(columns.length, columnsCount)) {
            touched = new int[Math.min(columns.length, columnsCount)];
        }
        touchedCount = 0;
        for (int c : columns) {
            if (stamp[c] != stampValue) {
                stamp[c] = stampValue;
                touched[touchedCount++] = c;
            }
        }
    }

    /** Column boundaries that give each of {@code parts} ranges about the same number of non-zeros. */
    private static int[] balancedSplit(int[] columns, int columnsCount, int parts) {
        if (parts <= 1) {
            return new int[] {0, columnsCount};
        }
        int buckets = 256;
        long[] counts = new long[buckets];
        for (int c : columns) {
            counts[(int) ((long) c * buckets / columnsCount)]++;
        }
        int[] split = new int[parts + 1];
        split[parts] = columnsCount;
        long seen = 0;
        int next = 1;
        for (int b = 0; b < buckets && next < parts; b++) {
            seen += counts[b];
            if (seen * parts >= (long) columns.length * next) {
                split[next++] = (int) ((long) (b + 1) * columnsCount / buckets);
            }
        }
        for (; next < parts; next++) {
            split[next] = columnsCount;
        }
        return split;
    }
}
