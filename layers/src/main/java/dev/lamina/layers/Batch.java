package dev.lamina.layers;

import dev.lamina.core.FastPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of values flowing through the layers: an ND4J matrix, sparse rows (model input only), or a small Java matrix
 * (inference on a few rows, where ND4J's ~5-10 us per operation would cost more than the arithmetic). Built once at
 * the API boundary; every layer's {@link Layer#preActivation} takes one.
 *
 * <pre>{@code
 * Batch batch = new Batch.Dense(x);                  // x [n, features]
 * Batch sparse = new Batch.Sparse(SparseRows.multiHot(10000, words));
 * }</pre>
 */
sealed interface Batch {

    long rows();

    long columns();

    /** A copy the caller owns (sparse rows are immutable and returned as they are). */
    Batch copy();

    /** Dense rows in an ND4J matrix {@code [rows, columns]}. */
    record Dense(INDArray x) implements Batch {

        @Override
        public long rows() {
            return x.size(0);
        }

        @Override
        public long columns() {
            return x.size(1);
        }

        @Override
        public Batch copy() {
            return new Dense(x.dup('c'));
        }
    }

    /** Sparse rows (the input of a first {@code Dense} layer). */
    record Sparse(SparseRows x) implements Batch {

        @Override
        public long rows() {
            return x.rows();
        }

        @Override
        public long columns() {
            return x.columns();
        }

        @Override
        public Batch copy() {
            return this;
        }
    }

    /** A few dense rows held in Java, row-major: {@code values[r * width + c]} for {@code height} rows. */
    record Host(float[] values, int height, int width) implements Batch {

        /** Most rows inference runs in Java: beyond a few rows, ND4J's gemm beats plain loops. */
        static final int MAX_ROWS = 8;

        /** Whether inference on {@code rows} rows of this type runs in Java. */
        static boolean suits(long rows, DataType dataType) {
            return rows <= MAX_ROWS && dataType == DataType.FLOAT && FastPaths.enabled();
        }

        @Override
        public long rows() {
            return height;
        }

        @Override
        public long columns() {
            return width;
        }

        @Override
        public Batch copy() {
            return new Host(values.clone(), height, width);
        }

        /** The values as a new ND4J matrix. */
        INDArray toNd4j() {
            return Nd4j.create(values, new long[] {height, width}, 'c');
        }
    }
}
