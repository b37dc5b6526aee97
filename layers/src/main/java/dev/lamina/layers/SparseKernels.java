package dev.lamina.layers;

import java.util.Arrays;

/**
 * The inner loop of a Dense layer's forward pass on sparse rows, generic over the number of units: blocks of eight
 * units are kept in registers across a row's non-zeros (a plain loop over the units re-reads and re-writes the output
 * row for every non-zero and runs 1.3-2.5 times slower, measured for 16 to 256 units), and a plain loop takes the
 * remaining units.
 */
final class SparseKernels {

    private static final int BLOCK = 8;
    /**
     * From this many units a row is summed by copying each kernel row into a scratch row and adding it with a loop
     * the JIT vectorizes (it cannot vectorize {@code out[u] += w[at + u]} directly: the two arrays might be one). For
     * one row of 130 non-zeros this took 6.7 us against 12.9 us blocked at 256 units, 2.4 against 2.8 us at 64, and
     * 1.24 against 0.53 us at 16 (one thread, this machine); for 512 rows the two were within 8% at 64 and 256 units.
     */
    static final int ROW_COPY_MIN_UNITS = 128;

    private SparseKernels() {
    }

    /**
     * {@code out[r, :] = sum_i values[i] * w[wFrom + columns[i] * units + :]} for rows {@code [rowFrom, rowTo)};
     * {@code values} null means all ones. {@code row} and {@code sum} are working rows of at least {@code units}.
     */
    static void gatherRows(int[] offsets, int[] columns, float[] values, float[] w, int wFrom, int units,
                           float[] out, int rowFrom, int rowTo, float[] row, float[] sum) {
        if (units >= ROW_COPY_MIN_UNITS) {
            for (int r = rowFrom; r < rowTo; r++) {
                Arrays.fill(sum, 0, units, 0f);
                for (int i = offsets[r]; i < offsets[r + 1]; i++) {
                    addScaledRow(values == null ? 1f : values[i], w, wFrom + columns[i] * units, row, sum, units);
                }
                System.arraycopy(sum, 0, out, r * units, units);
            }
            return;
        }
        int blocked = units - units % BLOCK;
        for (int r = rowFrom; r < rowTo; r++) {
            int start = offsets[r];
            int end = offsets[r + 1];
            int base = r * units;
            for (int u = 0; u < blocked; u += BLOCK) {
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (int i = start; i < end; i++) {
                    int at = wFrom + columns[i] * units + u;
                    float v = values == null ? 1f : values[i];
                    a0 += v * w[at];
                    a1 += v * w[at + 1];
                    a2 += v * w[at + 2];
                    a3 += v * w[at + 3];
                    a4 += v * w[at + 4];
                    a5 += v * w[at + 5];
                    a6 += v * w[at + 6];
                    a7 += v * w[at + 7];
                }
                int o = base + u;
                out[o] = a0;
                out[o + 1] = a1;
                out[o + 2] = a2;
                out[o + 3] = a3;
                out[o + 4] = a4;
                out[o + 5] = a5;
                out[o + 6] = a6;
                out[o + 7] = a7;
            }
            for (int u = blocked; u < units; u++) {
                float total = 0;
                for (int i = start; i < end; i++) {
                    total += (values == null ? 1f : values[i]) * w[wFrom + columns[i] * units + u];
                }
                out[base + u] = total;
            }
        }
    }

    /** {@code sum[0, units) += scale * w[from, from + units)}, through {@code row} so that the loop vectorizes. */
    static void addScaledRow(float scale, float[] w, int from, float[] row, float[] sum, int units) {
        System.arraycopy(w, from, row, 0, units);
        for (int u = 0; u < units; u++) {
            sum[u] += scale * row[u];
        }
    }

    /** {@code out[r, :] += w[biasFrom, biasFrom + units)} for rows {@code [rowFrom, rowTo)}. */
    static void addBias(float[] out, int rowFrom, int rowTo, float[] w, int biasFrom, int units) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int u = 0; u < units; u++) {
                out[r * units + u] += w[biasFrom + u];
            }
        }
    }
}
