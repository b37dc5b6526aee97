package dev.lamina.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Arrays in memory as a {@link Feed}: training batches gathered through an index permutation reshuffled before each
 * epoch (no copy of the data set per epoch), or, for evaluation and prediction, contiguous ranges in order without
 * copying dense rows. The permutation of epoch {@code e} is the {@code (e - initialEpoch + 1)}-th shuffle drawn from
 * the seed, so a resumed {@code fit} sees the orders of an uninterrupted one.
 *
 * <pre>{@code
 * Feed train = ArrayFeed.training(rows, labels, weights, 512, true, seed, 0);
 * Feed test = ArrayFeed.inOrder(rows, labels, null, 32);
 * }</pre>
 */
final class ArrayFeed implements Feed {

    private final BatchRows rows;
    private final INDArray labels;
    private final INDArray weights;
    private final int batchSize;
    private final boolean gather;
    private final boolean shuffle;
    private final int[] order;
    private final Random shuffler;
    private final int initialEpoch;
    private int shuffledThrough;
    private final LabelBatches labelBatches;
    private final Map<Integer, INDArray> weightBuffers = new HashMap<>();

    private ArrayFeed(BatchRows rows, INDArray labels, INDArray weights, int batchSize, boolean gather,
                      boolean shuffle, long seed, int initialEpoch) {
        this.rows = rows;
        this.labels = labels;
        this.weights = weights;
        this.batchSize = batchSize;
        this.gather = gather;
        this.shuffle = shuffle;
        this.initialEpoch = initialEpoch;
        this.shuffledThrough = initialEpoch - 1;
        this.shuffler = new Random(seed);
        this.order = gather ? identity((int) rows.count()) : null;
        this.labelBatches = gather ? new LabelBatches(labels) : null;
    }

    /** Training batches: gathered by a permutation, reshuffled each epoch when {@code shuffle}. */
    static ArrayFeed training(BatchRows rows, INDArray labels, INDArray weights, int batchSize, boolean shuffle,
                              long seed, int initialEpoch) {
        return new ArrayFeed(rows, labels, weights, batchSize, true, shuffle, seed, initialEpoch);
    }

    /** Batches in row order ({@code labels} null for predict). */
    static ArrayFeed inOrder(BatchRows rows, INDArray labels, INDArray weights, int batchSize) {
        return new ArrayFeed(rows, labels, weights, batchSize, false, false, 0, 0);
    }

    long rowCount() {
        return rows.count();
    }

    @Override
    public long batchesPerPass() {
        return (rows.count() + batchSize - 1) / batchSize;
    }

    @Override
    public boolean reiterable() {
        return true;
    }

    @Override
    public Steps open(int epoch) {
        if (shuffle) {
            if (epoch < shuffledThrough) {
                throw new IllegalStateException("epoch " + epoch + " comes after epoch " + shuffledThrough);
            }
            for (; shuffledThrough < epoch; shuffledThrough++) {
                shuffle(order, shuffler); // also replays the orders of epochs trained before a resumed one
            }
        }
        long n = rows.count();
        return new Steps() {
            private long from;

            @Override
            protected Step read() {
                if (from >= n) {
                    return null;
                }
                long to = Math.min(n, from + batchSize);
                Step step = gather ? gathered((int) from, (int) to) : range(from, to);
                from = to;
                return step;
            }

            @Override
            int skip(int count) {
                long before = from;
                from = Math.min(n, from + (long) count * batchSize);
                return (int) ((from - before + batchSize - 1) / batchSize);
            }
        };
    }

    private Step gathered(int from, int to) {
        Batch x = rows.gather(order, from, to);
        INDArray y = labelBatches.gather(order, from, to);
        INDArray w = null;
        if (weights != null) {
            w = weightBuffers.computeIfAbsent(to - from, k -> Nd4j.create(weights.dataType(), k, 1));
            Nd4j.pullRows(weights, w, 1, Arrays.copyOfRange(order, from, to));
        }
        return new Step(x, y, w);
    }

    private Step range(long from, long to) {
        return new Step(rows.range(from, to), labels == null ? null : rowsOf(labels, from, to),
                weights == null ? null : rowsOf(weights, from, to));
    }

    private static INDArray rowsOf(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
