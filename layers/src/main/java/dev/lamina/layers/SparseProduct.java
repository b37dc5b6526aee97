package dev.lamina.layers;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Dense layer's products with sparse rows {@code X}: {@code X W + b} (gathering the kernel rows of each row's
 * non-zeros) and the kernel gradient {@code X^T delta} (summing, for each kernel row a batch touches, the deltas of
 * the rows that touch it). The kernel is read from the model's Java copy of its weights, so a step copies no kernel;
 * only the kernel rows a batch touches are written to ND4J's gradient (with the rows the previous batch touched reset
 * to zero), so a step's cost follows the non-zeros, not the kernel size.
 *
 * <pre>{@code
 * float[] z = SparseProduct.multiply(x, weights, kernelFrom, biasFrom, units);   // forward
 * float[] biasGradient = new SparseProduct().gradient(x, delta, units, kernelGradient);
 * }</pre>
 */
final class SparseProduct {

    // the batch's non-zeros ordered by column (see byColumn), and the kernel rows this and the previous batch touched
    private int[] count = new int[0];
    private int[] start = new int[0];
    private int[] rowOf = new int[0];
    private float[] valueOf;
    private int[] touched = new int[0];
    private int touchedCount;
    private int[] previous = new int[0];
    private int previousCount;
    /** When ND4J's gradient array was last written whole (by a dense batch), every row must be rewritten. */
    private boolean gradientDirty = true;

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
            SparseKernels.gatherRows(offsets, columns, values, weights, kernelFrom, units, out, from, to,
                    new float[units], new float[units]);
            if (biasFrom >= 0) {
                SparseKernels.addBias(out, from, to, weights, biasFrom, units);
            }
        });
        return out;
    }

    /**
     * Writes {@code x^T delta} into {@code kernelGradient} ({@code [columns, units]}, row-major float32) and returns
     * the column sums of {@code delta} (the bias gradient). The non-zeros are first ordered by column (a counting
     * sort), so that each touched kernel row is summed once in the cache and written once, reading the batch's delta
     * rows (which stay in the cache) instead of updating kernel rows all over memory once per non-zero.
     */
    float[] gradient(SparseRows x, float[] delta, int units, INDArray kernelGradient) {
        int columnsCount = (int) x.columns();
        byColumn(x, columnsCount);
        FloatBuffer target = HostFloats.buffer(kernelGradient);
        if (gradientDirty) {
            target.put(0, new float[columnsCount * units], 0, columnsCount * units);
            gradientDirty = false;
        } else { // rows the previous batch touched and this one does not: back to zero
            float[] zeros = new float[units];
            for (int k = 0; k < previousCount; k++) {
                if (count[previous[k]] == 0) {
                    target.put(previous[k] * units, zeros, 0, units);
                }
            }
        }
        int[] split = balancedSplit(FastPaths.parts((long) rowOf.length * units));
        FastPaths.split(split.length - 1, split.length - 1, (from, to) -> {
            float[] sum = new float[units];
            float[] scratch = new float[units];
            for (int k = split[from]; k < split[to]; k++) {
                int c = touched[k];
                Arrays.fill(sum, 0f);
                for (int i = start[c]; i < start[c] + count[c]; i++) {
                    SparseKernels.addScaledRow(valueOf == null ? 1f : valueOf[i], delta, rowOf[i] * units, scratch, sum,
                            units);
                }
                target.put(c * units, sum, 0, units);
            }
        });
        int[] swap = previous;
        previous = touched;
        previousCount = touchedCount;
        touched = swap;
        float[] biasGradient = new float[units];
        int rows = (int) x.rows();
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                biasGradient[u] += delta[r * units + u];
            }
        }
        return biasGradient;
    }

    /**
     * Orders the non-zeros by column: {@code rowOf}/{@code valueOf} hold each one's batch row and value, the
     * non-zeros of column {@code c} at {@code [start[c], start[c] + count[c])}; {@code touched} lists the columns with
     * any, in order.
     */
    private void byColumn(SparseRows x, int columnsCount) {
        int[] offsets = x.offsets();
        int[] columns = x.columnIndices();
        float[] values = x.values();
        if (count.length != columnsCount) {
            count = new int[columnsCount];
            start = new int[columnsCount];
            previous = new int[columnsCount];
            touched = new int[columnsCount];
            previousCount = 0;
            gradientDirty = true;
        }
        Arrays.fill(count, 0);
        for (int c : columns) {
            count[c]++;
        }
        touchedCount = 0;
        int at = 0;
        for (int c = 0; c < columnsCount; c++) {
            start[c] = at;
            at += count[c];
            if (count[c] > 0) {
                touched[touchedCount++] = c;
            }
        }
        rowOf = new int[columns.length];
        valueOf = values == null ? null : new float[columns.length];
        int[] next = start.clone();
        for (int r = 0; r + 1 < offsets.length; r++) {
            for (int i = offsets[r]; i < offsets[r + 1]; i++) {
                int slot = next[columns[i]]++;
                rowOf[slot] = r;
                if (valueOf != null) {
                    valueOf[slot] = values[i];
                }
            }
        }
    }

    /** Boundaries in {@code touched} that give each of {@code parts} ranges about the same number of non-zeros. */
    private int[] balancedSplit(int parts) {
        int[] split = new int[parts + 1];
        split[parts] = touchedCount;
        long total = rowOf.length;
        long seen = 0;
        int next = 1;
        for (int k = 0; k < touchedCount && next < parts; k++) {
            seen += count[touched[k]];
            if (seen * parts >= total * next) {
                split[next++] = k + 1;
            }
        }
        for (; next < parts; next++) {
            split[next] = touchedCount;
        }
        return split;
    }
}
