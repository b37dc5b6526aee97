package dev.lamina.layers;

/**
 * The inner loops of a Dense layer fed sparse rows, generic over the number of units: blocks of eight units are
 * kept in registers across a row's non-zeros (a plain loop over the units re-reads and re-writes the output row for
 * every non-zero and runs about 2.5 times slower), and a plain loop takes the remaining units.
 */
final class SparseKernels {

    private static final int BLOCK = 8;

    private SparseKernels() {
    }

    /**
     * {@code out[r, :] = sum_i values[i] * w[wFrom + columns[i] * units + :]} for rows {@code [rowFrom, rowTo)};
     * {@code values} null means all ones.
     */
    static void gatherRows(int[] offsets, int[] columns, float[] values, float[] w, int wFrom, int units,
                           float[] out, int rowFrom, int rowTo) {
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
                float sum = 0;
                for (int i = start; i < end; i++) {
                    sum += (values == null ? 1f : values[i]) * w[wFrom + columns[i] * units + u];
                }
                out[base + u] = sum;
            }
        }
    }

    /**
     * {@code g[c, :] += values[i] * delta[r, :]} for every non-zero {@code (r, c)} whose column lies in
     * {@code [columnFrom, columnTo)}: threads given disjoint column ranges write disjoint rows of {@code g}.
     */
    static void scatterColumns(int[] offsets, int[] columns, float[] values, float[] delta, int units, float[] g,
                               int columnFrom, int columnTo) {
        int rows = offsets.length - 1;
        int blocked = units - units % BLOCK;
        for (int r = 0; r < rows; r++) {
            int start = offsets[r];
            int end = offsets[r + 1];
            int base = r * units;
            for (int u = 0; u < blocked; u += BLOCK) {
                int o = base + u;
                float d0 = delta[o], d1 = delta[o + 1], d2 = delta[o + 2], d3 = delta[o + 3];
                float d4 = delta[o + 4], d5 = delta[o + 5], d6 = delta[o + 6], d7 = delta[o + 7];
                for (int i = start; i < end; i++) {
                    int c = columns[i];
                    if (c < columnFrom || c >= columnTo) {
                        continue;
                    }
                    int at = c * units + u;
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
                    int c = columns[i];
                    if (c >= columnFrom && c < columnTo) {
                        g[c * units + u] += (values == null ? 1f : values[i]) * d;
                    }
                }
            }
        }
    }
}
