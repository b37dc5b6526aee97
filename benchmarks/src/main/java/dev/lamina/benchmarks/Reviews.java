package dev.lamina.benchmarks;

import dev.lamina.layers.SparseRows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One half of the benchmark data (train or test): each review's word columns (sorted, distinct), the same rows as
 * {@link SparseRows}, the dense multi-hot matrix (built on first use: 1 GB for 25,000 rows), and 0/1 labels [n, 1].
 *
 * <pre>{@code
 * Reviews test = Reviews.of(columns, labels);
 * double accuracy = test.accuracy(model.predict(test.sparse(), 512));
 * }</pre>
 */
final class Reviews {

    private final int[][] columns;
    private final SparseRows sparse;
    private final INDArray labels;
    private INDArray dense;

    private Reviews(int[][] columns, INDArray labels) {
        this.columns = columns;
        this.sparse = SparseRows.multiHot(BenchmarkData.WORDS, columns);
        this.labels = labels;
    }

    static Reviews of(int[][] columns, INDArray labels) {
        return new Reviews(columns, labels);
    }

    int size() {
        return columns.length;
    }

    int[][] columns() {
        return columns;
    }

    SparseRows sparse() {
        return sparse;
    }

    /** The dense float32 matrix [n, 10000], built once. */
    INDArray dense() {
        if (dense == null) {
            dense = sparse.toDense();
        }
        return dense;
    }

    INDArray labels() {
        return labels;
    }

    /**
     * {@code count} evenly spaced reviews (rows {@code i * size / count}), so that a sample of the IMDB halves, which
     * are sorted by label, keeps both labels.
     */
    Reviews sample(int count) {
        int[][] picked = new int[count][];
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = (int) ((long) i * size() / count);
            picked[i] = columns[rows[i]];
        }
        INDArray sampleLabels = Nd4j.create(labels.dataType(), count, 1);
        Nd4j.pullRows(labels, sampleLabels, 1, rows);
        return new Reviews(picked, sampleLabels);
    }

    /** The fraction of rows whose predicted probability is on the label's side of 0.5. */
    double accuracy(INDArray probabilities) {
        INDArray predicted = probabilities.gt(0.5).castTo(DataType.FLOAT);
        return predicted.eq(labels.castTo(DataType.FLOAT)).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
