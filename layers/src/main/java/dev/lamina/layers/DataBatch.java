package dev.lamina.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch a {@link BatchSource} yields, Keras's {@code (x, y, sample_weight)} tuple: features (a dense
 * {@code INDArray [rows, columns]} or {@link SparseRows}), labels {@code [rows, width]} (null when the source only
 * feeds {@code predict}) and optional sample weights, one per row.
 *
 * <pre>{@code
 * DataBatch batch = DataBatch.of(x, y);                       // dense features and labels
 * DataBatch sparse = DataBatch.of(SparseRows.multiHot(10000, words), y).withSampleWeights(w);
 * DataBatch unlabelled = DataBatch.features(x);              // for predict
 * }</pre>
 *
 * @param features      an {@code INDArray} of rank 2 or {@link SparseRows}
 * @param labels        one row per feature row, or null
 * @param sampleWeights one non-negative weight per row, or null
 */
public record DataBatch(Object features, INDArray labels, INDArray sampleWeights) {

    public DataBatch {
        if (!(features instanceof INDArray) && !(features instanceof SparseRows)) {
            throw new IllegalArgumentException("A DataBatch's features must be an INDArray or SparseRows. Received: "
                    + (features == null ? "null" : features.getClass().getName()));
        }
        if (sampleWeights != null && labels == null) {
            throw new IllegalArgumentException("A DataBatch with sample weights needs labels: weights weigh the loss");
        }
    }

    /** Dense features with their labels. */
    public static DataBatch of(INDArray features, INDArray labels) {
        return new DataBatch(features, labels, null);
    }

    /** Sparse features with their labels. */
    public static DataBatch of(SparseRows features, INDArray labels) {
        return new DataBatch(features, labels, null);
    }

    /** Features only (what {@code predict} reads). */
    public static DataBatch features(Object features) {
        return new DataBatch(features, null, null);
    }

    /** This batch with one weight per row. */
    public DataBatch withSampleWeights(INDArray weights) {
        return new DataBatch(features, labels, weights);
    }

    /** The number of rows. */
    public long rows() {
        return features instanceof SparseRows sparse ? sparse.rows() : ((INDArray) features).size(0);
    }
}
