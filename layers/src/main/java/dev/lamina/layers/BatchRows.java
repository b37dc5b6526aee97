package dev.lamina.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The rows of a data set, dense or sparse, from which {@code fit}, {@code evaluate} and {@code predict} draw their
 * batches: through an index permutation (no copy of the data set per epoch) or as contiguous ranges.
 *
 * <pre>{@code
 * Batch batch = rows.gather(order, 0, 512);
 * }</pre>
 */
sealed interface BatchRows {

    long count();

    /** Rows {@code order[from..to)}; dense rows land in a buffer reused between calls of the same size. */
    Batch gather(int[] order, int from, int to);

    /** Rows {@code [from, to)}, without copying dense rows. */
    Batch range(long from, long to);

    /** The first {@code rows} rows. */
    BatchRows head(long rows);

    /** The rows from {@code from} on. */
    BatchRows tail(long from);

    /** Dense rows, gathered with {@code pullRows} into buffers reused for each batch size. */
    record Dense(INDArray x, Map<Integer, INDArray> buffers) implements BatchRows {

        Dense(INDArray x) {
            this(x, new HashMap<>());
        }

        @Override
        public long count() {
            return x.size(0);
        }

        @Override
        public Batch gather(int[] order, int from, int to) {
            INDArray buffer = buffers.computeIfAbsent(to - from, k -> Nd4j.create(x.dataType(), k, x.size(1)));
            Nd4j.pullRows(x, buffer, 1, Arrays.copyOfRange(order, from, to));
            return new Batch.Dense(buffer);
        }

        @Override
        public Batch range(long from, long to) {
            return new Batch.Dense(from == 0 && to == x.size(0) ? x
                    : x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        }

        @Override
        public BatchRows head(long rows) {
            return new Dense(x.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()));
        }

        @Override
        public BatchRows tail(long from) {
            return new Dense(x.get(NDArrayIndex.interval(from, x.size(0)), NDArrayIndex.all()));
        }
    }

    /** Sparse rows, selected into a new {@link SparseRows} per batch. */
    record Sparse(SparseRows x) implements BatchRows {

        @Override
        public long count() {
            return x.rows();
        }

        @Override
        public Batch gather(int[] order, int from, int to) {
            return new Batch.Sparse(x.select(order, from, to));
        }

        @Override
        public Batch range(long from, long to) {
            return new Batch.Sparse(from == 0 && to == x.rows() ? x : x.slice((int) from, (int) to));
        }

        @Override
        public BatchRows head(long rows) {
            return new Sparse(x.slice(0, (int) rows));
        }

        @Override
        public BatchRows tail(long from) {
            return new Sparse(x.slice((int) from, (int) x.rows()));
        }
    }
}
