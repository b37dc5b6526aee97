package dev.lamina.spark;

import dev.lamina.layers.SparseRows;
import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows read from a partition, in plain Java arrays (serializable, so Spark can cache them between rounds): dense
 * features ({@code rows x width} floats) or compressed sparse rows, and the labels if any. Batches of them become
 * the {@code INDArray} or {@link SparseRows} a local {@code fit} or {@code predict} takes.
 *
 * <pre>{@code
 * RowBlock block = reader.read(rows, partition, 0, Integer.MAX_VALUE);
 * Object x = block.features(order, 0, 512);        // INDArray or SparseRows
 * INDArray y = block.labels(order, 0, 512);
 * }</pre>
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int width;
    private final float[] dense;
    private final int[] offsets;
    private final int[] indices;
    private final float[] values;
    private final float[] labels;
    private final int labelWidth;
    private transient SparseRows sparseRows;

    private RowBlock(int rows, int width, float[] dense, int[] offsets, int[] indices, float[] values, float[] labels,
                     int labelWidth) {
        this.rows = rows;
        this.width = width;
        this.dense = dense;
        this.offsets = offsets;
        this.indices = indices;
        this.values = values;
        this.labels = labels;
        this.labelWidth = labelWidth;
    }

    int rows() {
        return rows;
    }

    /** Label values per row; 0 without labels (or without rows). */
    int labelWidth() {
        return labelWidth;
    }

    /** All rows' features: an {@code INDArray [rows, width]} or {@link SparseRows}. */
    Object features() {
        if (dense != null) {
            return Nd4j.create(dense, new long[] {rows, width}, 'c');
        }
        return sparse();
    }

    /**
     * All rows' features, the last row repeated up to {@code rows} rows (at least this block's): a batch large enough
     * for ND4J's GEMM path, whose results for a row do not depend on the rows batched with it.
     */
    Object features(int rows) {
        int[] order = new int[Math.max(rows, this.rows)];
        for (int i = 0; i < order.length; i++) {
            order[i] = Math.min(i, this.rows - 1);
        }
        return features(order, 0, order.length);
    }

    /** The features of rows {@code order[from, to)}, in that order. */
    Object features(int[] order, int from, int to) {
        if (dense == null) {
            return sparse().select(order, from, to);
        }
        float[] batch = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(dense, order[i] * width, batch, (i - from) * width, width);
        }
        return Nd4j.create(batch, new long[] {to - from, width}, 'c');
    }

    /** The labels of rows {@code order[from, to)} as {@code [to - from, labelWidth]}. */
    INDArray labels(int[] order, int from, int to) {
        float[] batch = new float[(to - from) * labelWidth];
        for (int i = from; i < to; i++) {
            System.arraycopy(labels, order[i] * labelWidth, batch, (i - from) * labelWidth, labelWidth);
        }
        return Nd4j.create(batch, new long[] {to - from, labelWidth}, 'c');
    }

    private SparseRows sparse() {
        if (sparseRows == null) {
            sparseRows = new SparseRows(width, offsets, indices, values);
        }
        return sparseRows;
    }

    /** Grows the arrays of a block row by row. */
    static final class Builder {

        private final int width;
        private final boolean sparse;
        private final boolean hasValues;
        private int rows;
        private float[] dense;
        private int[] offsets = new int[16];
        private int[] indices;
        private float[] values;
        private int nonZeros;
        private float[] labels = new float[16];
        private int labelWidth = -1;

        Builder(int width, boolean sparse, boolean hasValues) {
            this.width = width;
            this.sparse = sparse;
            this.hasValues = hasValues;
            if (sparse) {
                indices = new int[64];
                values = hasValues ? new float[64] : null;
            } else {
                dense = new float[width];
            }
        }

        int rows() {
            return rows;
        }

        /** The dense array to write the current row into, at {@link #denseOffset()}. */
        float[] denseRow() {
            long needed = (long) (rows + 1) * width;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("A partition holds more than " + rows + " dense rows of " + width
                        + " values, over Java's 2^31 array limit. Repartition the dataset into more partitions.");
            }
            if (needed > dense.length) {
                dense = Arrays.copyOf(dense, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed,
                        (long) dense.length * 2)));
            }
            return dense;
        }

        int denseOffset() {
            return rows * width;
        }

        void addSparse(int column, float value) {
            if (nonZeros == indices.length) {
                indices = Arrays.copyOf(indices, indices.length * 2);
                if (values != null) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
            }
            indices[nonZeros] = column;
            if (values != null) {
                values[nonZeros] = value;
            }
            nonZeros++;
        }

        void addLabel(float[] label, String column, String where) {
            if (labelWidth < 0) {
                labelWidth = label.length;
            } else if (label.length != labelWidth) {
                throw new IllegalArgumentException(where + ": '" + column + "' has " + label.length + " values, the "
                        + "rows before it " + labelWidth + "; every label must have the same width.");
            }
            if ((long) (rows + 1) * labelWidth > labels.length) {
                labels = Arrays.copyOf(labels, Math.max((rows + 1) * labelWidth, labels.length * 2));
            }
            System.arraycopy(label, 0, labels, rows * labelWidth, labelWidth);
        }

        void endRow() {
            rows++;
            if (rows + 1 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[rows] = nonZeros;
        }

        RowBlock build() {
            int lw = Math.max(labelWidth, 0);
            if (sparse) {
                return new RowBlock(rows, width, null, Arrays.copyOf(offsets, rows + 1),
                        Arrays.copyOf(indices, nonZeros), hasValues ? Arrays.copyOf(values, nonZeros) : null,
                        Arrays.copyOf(labels, rows * lw), lw);
            }
            return new RowBlock(rows, width, Arrays.copyOf(dense, rows * width), null, null, null,
                    Arrays.copyOf(labels, rows * lw), lw);
        }
    }
}
