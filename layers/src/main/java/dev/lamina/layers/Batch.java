package dev.lamina.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of values flowing through the layers: an ND4J matrix, or sparse rows (model input only). Built once at the
 * API boundary; every layer's {@link Layer#preActivation} takes one (inference on a few rows runs in Java instead,
 * see {@link Pass#inferInJava}).
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
}
