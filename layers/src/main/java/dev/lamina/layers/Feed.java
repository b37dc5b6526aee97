package dev.lamina.layers;

import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Trainer}, {@link Evaluator} and {@link Predictor} read batches from, whatever the data came as: arrays
 * in memory ({@link ArrayFeed}) or a user's {@link BatchSource} ({@link SourceFeed}). Every batch it yields has been
 * checked against the model and is in the model's types, so the one training loop serves both.
 *
 * <pre>{@code
 * try (Feed.Steps steps = feed.open(epoch)) {
 *     while (steps.hasNext()) { Feed.Step step = steps.next(); ... }
 * }
 * }</pre>
 */
interface Feed {

    /** One checked batch: features, labels ({@code [rows, width]}, or null for predict) and weights or null. */
    record Step(Batch x, INDArray y, INDArray w) {

        long rows() {
            return x.rows();
        }
    }

    /** Batches per pass, or -1 when unknown. */
    long batchesPerPass();

    /** Whether {@link #open} may be called again. */
    boolean reiterable();

    /** A pass over the batches for epoch {@code epoch}. */
    Steps open(int epoch);

    /** One pass, with a look-ahead of one batch (the first batch builds the model before training starts). */
    abstract class Steps implements AutoCloseable {

        private Step peeked;

        /** The next batch, or null at the end of the pass. */
        protected abstract Step read();

        boolean hasNext() {
            if (peeked == null) {
                peeked = read();
            }
            return peeked != null;
        }

        Step next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the pass has no more batches");
            }
            Step step = peeked;
            peeked = null;
            return step;
        }

        /** The next batch without taking it, or null at the end. */
        Step peek() {
            return hasNext() ? peeked : null;
        }

        /** Passes over {@code count} batches (a resumed epoch's trained ones); returns how many there were. */
        int skip(int count) {
            int skipped = 0;
            while (skipped < count && hasNext()) {
                next();
                skipped++;
            }
            return skipped;
        }

        @Override
        public void close() {
        }
    }
}
