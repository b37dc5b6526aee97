package dev.lamina.layers;

/**
 * The inner loops of the sparse first layer, written so that the JIT keeps eight running sums in registers (a
 * generic loop over the units runs about 2.5 times slower: it re-reads and re-writes the output row for every
 * non-zero).
 */
final class SparseKernels {

    private static final int BLOCK = 8;
    /** Exactly 16 units (the IMDB model's first layer): a kernel row is one 64-byte cache line, updated in one pass. */
    private static final int WIDE = 16;

    private SparseKernels() {
    }

    /** {@code out[r, :] = sum_i values[i] * w[columns[i], :]} for rows {@code [rowFrom, rowTo)}. */
    static void gatherRows(int[] offsets, int[] columns, float[] values, float[] w, int units, float[] out,
                           int rowFrom, int rowTo) {
        int blocked = units - units % BLOCK;
        for (int r = rowFrom; r < rowTo; r++) {
            int start = offsets[r];
            int end = offsets[r + 1];
            int base = r * units;
            for (int u = 0; u < blocked; u += BLOCK) {
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (int i = start; i < end; i++) {
                    int at = columns[i] * units + u;
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
                float sum = 0;
                for (int i = start; i < end; i++) {
                    sum += (values == null ? 1f : values[i]) * w[columns[i] * units + u];
                }
                out[base + u] = sum;
            }
        }
    }

    /** {@code g[c, :] += values[i] * delta[r, :]} for every non-zero {@code (r, c)} of rows {@code [rowFrom, rowTo)}. */
    static void scatterRows(int[] offsets, int[] columns, float[] values, float[] delta, int units, float[] g,
                            int rowFrom, int rowTo) {
        if (units == WIDE) {
            scatterWide(offsets, columns, values, delta, g, rowFrom, rowTo);
            return;
        }
        int blocked = units - units % BLOCK;
        for (int r = rowFrom; r < rowTo; r++) {
            int start = offsets[r];
            int end = offsets[r + 1];
            int base = r * units;
            for (int u = 0; u < blocked; u += BLOCK) {
                int o = base + u;
                float d0 = delta[o], d1 = delta[o + 1], d2 = delta[o + 2], d3 = delta[o + 3];
                float d4 = delta[o + 4], d5 = delta[o + 5], d6 = delta[o + 6], d7 = delta[o + 7];
                for (int i = start; i < end; i++) {
                    int at = columns[i] * units + u;
                    float v = values == null ? 1f : values[i];
                    g[at] += v * d0;
                    g[at + 1] += v * d1;
                    g[at + 2] += v * d2;
                    g[at + 3] += v * d3;
                    g[at + 4] += v * d4;
                    g[at + 5] += v * d5;
                    g[at + 6] += v * d6;
                    g[at + 7] += v * d7;
                }
            }
            for (int u = blocked; u < units; u++) {
                float d = delta[base + u];
                for (int i = start; i < end; i++) {
                    g[columns[i] * units + u] += (values == null ? 1f : values[i]) * d;
                }
            }
        }
    }

    /** {@link #scatterRows} for exactly 16 units: 16% faster than two 8-wide passes (measured single-threaded). */
    private static void scatterWide(int[] offsets, int[] columns, float[] values, float[] delta, float[] g,
                                    int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            int o = r * WIDE;
            float d0 = delta[o], d1 = delta[o + 1], d2 = delta[o + 2], d3 = delta[o + 3];
            float d4 = delta[o + 4], d5 = delta[o + 5], d6 = delta[o + 6], d7 = delta[o + 7];
            float d8 = delta[o + 8], d9 = delta[o + 9], d10 = delta[o + 10], d11 = delta[o + 11];
            float d12 = delta[o + 12], d13 = delta[o + 13], d14 = delta[o + 14], d15 = delta[o + 15];
            for (int i = offsets[r]; i < offsets[r + 1]; i++) {
                int at = columns[i] * WIDE;
                float v = values == null ? 1f : values[i];
                g[at] += v * d0;
                g[at + 1] += v * d1;
                g[at + 2] += v * d2;
                g[at + 3] += v * d3;
                g[at + 4] += v * d4;
                g[at + 5] += v * d5;
                g[at + 6] += v * d6;
                g[at + 7] += v * d7;
                g[at + 8] += v * d8;
                g[at + 9] += v * d9;
                g[at + 10] += v * d10;
                g[at + 11] += v * d11;
                g[at + 12] += v * d12;
                g[at + 13] += v * d13;
                g[at + 14] += v * d14;
                g[at + 15] += v * d15;
            }
        }
    }
}
