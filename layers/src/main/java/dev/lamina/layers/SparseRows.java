package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sparse batch in compressed-row form: row {@code r}'s non-zeros are at columns
 * {@code columnIndices[rowOffsets[r] .. rowOffsets[r+1])} with {@code values} at the same positions (all ones when
 * {@code values} is null, as for multi-hot bag-of-words vectors).
 *
 * <p>{@code fit}, {@code evaluate} and {@code predict} accept it in place of a dense {@code INDArray}: the first
 * {@code Dense} then sums the selected kernel rows instead of multiplying zeros, with the same mathematics.
 *
 * <pre>{@code
 * SparseRows x = SparseRows.multiHot(10000, new int[][] {{3, 17, 256}, {5, 17}});   // 2 reviews, word indices
 * model.fit(x, y, FitOptions.epochs(4).batchSize(512));
 * }</pre>
 */
public final class SparseRows {

    private final long columns;
    private final int[] rowOffsets;
    private final int[] columnIndices;
    private final float[] values;

    /**
     * @param columns       the dense width
     * @param rowOffsets    {@code rows + 1} non-decreasing offsets into {@code columnIndices}, starting at 0
     * @param columnIndices column of each non-zero, each in [0, columns)
     * @param values        value of each non-zero, or null for all ones
     */
    public SparseRows(long columns, int[] rowOffsets, int[] columnIndices, float[] values) {
        this(columns, rowOffsets, columnIndices, values, true);
    }

    /** {@code validate} is false only for selections of rows that were validated already. */
    private SparseRows(long columns, int[] rowOffsets, int[] columnIndices, float[] values, boolean validate) {
        this.columns = columns;
        this.rowOffsets = rowOffsets;
        this.columnIndices = columnIndices;
        this.values = values;
        if (validate) {
            validate();
        }
    }

    private void validate() {
        if (columns <= 0) {
            throw new IllegalArgumentException("SparseRows needs columns > 0. Received: " + columns);
        }
        if (rowOffsets == null || rowOffsets.length == 0 || rowOffsets[0] != 0) {
            throw new IllegalArgumentException("SparseRows: rowOffsets must start with 0 and have rows + 1 entries");
        }
        if (columnIndices == null || rowOffsets[rowOffsets.length - 1] != columnIndices.length) {
            throw new IllegalArgumentException("SparseRows: the last row offset must equal the number of column "
                    + "indices (" + (columnIndices == null ? "null" : columnIndices.length) + ")");
        }
        if (values != null && values.length != columnIndices.length) {
            throw new IllegalArgumentException("SparseRows: values has " + values.length + " entries but there are "
                    + columnIndices.length + " column indices");
        }
        for (int r = 1; r < rowOffsets.length; r++) {
            if (rowOffsets[r] < rowOffsets[r - 1]) {
                throw new IllegalArgumentException("SparseRows: rowOffsets decrease at row " + (r - 1));
            }
        }
        for (int i = 0; i < columnIndices.length; i++) {
            if (columnIndices[i] < 0 || columnIndices[i] >= columns) {
                throw new IllegalArgumentException("SparseRows: column index " + columnIndices[i] + " at position "
                        + i + " is outside [0, " + columns + ")");
            }
        }
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("SparseRows: value at position " + i + " is " + values[i]);
                }
            }
        }
    }

    /** Multi-hot rows: row {@code r} has ones at the (distinct) columns {@code indices[r]}. */
    public static SparseRows multiHot(long columns, int[][] indices) {
        int[] offsets = new int[indices.length + 1];
        for (int r = 0; r < indices.length; r++) {
            offsets[r + 1] = offsets[r] + indices[r].length;
        }
        int[] flat = new int[offsets[indices.length]];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(indices[r], 0, flat, offsets[r], indices[r].length);
        }
        return new SparseRows(columns, offsets, flat, null);
    }

    /** The non-zeros of a dense matrix. */
    public static SparseRows fromDense(INDArray dense) {
        float[][] matrix = dense.castTo(DataType.FLOAT).toFloatMatrix();
        int nonZeros = 0;
        for (float[] row : matrix) {
            for (float v : row) {
                nonZeros += v != 0 ? 1 : 0;
            }
        }
        int[] offsets = new int[matrix.length + 1];
        int[] indices = new int[nonZeros];
        float[] vals = new float[nonZeros];
        int k = 0;
        for (int r = 0; r < matrix.length; r++) {
            for (int c = 0; c < matrix[r].length; c++) {
                if (matrix[r][c] != 0) {
                    indices[k] = c;
                    vals[k++] = matrix[r][c];
                }
            }
            offsets[r + 1] = k;
        }
        return new SparseRows(dense.size(1), offsets, indices, vals);
    }

    public long rows() {
        return rowOffsets.length - 1;
    }

    public long columns() {
        return columns;
    }

    /** Number of stored non-zeros. */
    public int nonZeros() {
        return columnIndices.length;
    }

    /** The dense float32 matrix {@code [rows, columns]}, written row by row straight into its buffer. */
    public INDArray toDense() {
        INDArray dense = Nd4j.create(DataType.FLOAT, rows(), columns);
        FloatBuffer buffer = HostFloats.buffer(dense);
        float[] row = new float[(int) columns];
        for (int r = 0; r < rows(); r++) {
            Arrays.fill(row, 0f);
            for (int i = rowOffsets[r]; i < rowOffsets[r + 1]; i++) {
                row[columnIndices[i]] += value(i);
            }
            buffer.put(row);
        }
        return dense;
    }

    private float value(int i) {
        return values == null ? 1f : values[i];
    }

    /** The rows {@code order[from..to)}, in that order. */
    public SparseRows select(int[] order, int from, int to) {
        int[] offsets = new int[to - from + 1];
        for (int i = from; i < to; i++) {
            int r = order[i];
            if (r < 0 || r >= rowOffsets.length - 1) {
                throw new IllegalArgumentException("SparseRows.select: row " + r + " is outside [0, " + rows() + ")");
            }
            offsets[i - from + 1] = offsets[i - from] + rowOffsets[r + 1] - rowOffsets[r];
        }
        int[] indices = new int[offsets[to - from]];
        float[] vals = values == null ? null : new float[indices.length];
        for (int i = from; i < to; i++) {
            int r = order[i];
            int length = rowOffsets[r + 1] - rowOffsets[r];
            System.arraycopy(columnIndices, rowOffsets[r], indices, offsets[i - from], length);
            if (vals != null) {
                System.arraycopy(values, rowOffsets[r], vals, offsets[i - from], length);
            }
        }
        return new SparseRows(columns, offsets, indices, vals, false);
    }

    /** Rows {@code [from, to)}. */
    public SparseRows slice(int from, int to) {
        int[] order = new int[to];
        for (int i = from; i < to; i++) {
            order[i] = i;
        }
        return select(order, from, to);
    }

    int[] offsets() {
        return rowOffsets;
    }

    int[] columnIndices() {
        return columnIndices;
    }

    /** The values, or null when all are ones. */
    float[] values() {
        return values;
    }

    @Override
    public String toString() {
        return "SparseRows[" + rows() + " x " + columns + ", " + nonZeros() + " non-zeros]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseRows s && s.columns == columns && Arrays.equals(s.rowOffsets, rowOffsets)
                && Arrays.equals(s.columnIndices, columnIndices) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columnIndices) * 31 + Long.hashCode(columns);
    }
}
