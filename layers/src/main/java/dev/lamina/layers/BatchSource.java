package dev.lamina.layers;

import java.util.Iterator;

/**
 * Batches read one after another, for data that does not fit in memory: Keras's {@code PyDataset} or generator, which
 * {@link Model#fit(BatchSource, FitOptions)}, {@link Model#evaluate(BatchSource)} and {@link Model#predict(BatchSource)}
 * accept in place of arrays. Each {@link #open(int)} starts a pass over the data; {@code fit} opens one per epoch.
 *
 * <p>A source is <em>re-iterable</em> (files, a list of batches: read again every epoch) or <em>one-shot</em> (an
 * iterator, a network stream: read once). {@code fit} rejects a one-shot source for more than one epoch unless
 * {@link FitOptions#stepsPerEpoch(int)} is set; then, as in Keras, the epochs take that many batches each from the one
 * pass, and training stops with a warning when it runs out. Shuffling is the source's business ({@code fit}'s
 * {@code shuffle} applies to arrays, as Keras ignores it for generators): {@link #shuffled(int, long)} mixes rows in a
 * bounded buffer, and file sources shuffle their file order per epoch.
 *
 * <pre>{@code
 * List<DataBatch> batches = List.of(DataBatch.of(x1, y1), DataBatch.of(x2, y2));
 * model.fit(BatchSource.of(batches).shuffled(10_000, 7), FitOptions.epochs(4)
 *         .validationData(BatchSource.of(validationBatches)));
 * Map<String, Double> scores = model.evaluate(BatchSource.of(testBatches));
 * }</pre>
 */
public interface BatchSource {

    /**
     * Starts a pass over the batches. {@code epoch} (from 0) is the epoch the pass is for; a source that shuffles
     * derives its order from it, so that the same epoch always sees the same order (a resumed {@code fit} relies on
     * it). A one-shot source fails when opened a second time.
     */
    Cursor open(int epoch);

    /** Whether {@link #open} may be called more than once (true unless the data can be read only once). */
    default boolean reiterable() {
        return true;
    }

    /** The number of batches in a pass, or -1 when unknown (the progress bar then shows no total). */
    default long batches() {
        return -1;
    }

    /**
     * This source with its rows mixed in a buffer of {@code bufferRows} rows (tf.data's {@code shuffle(buffer_size)}):
     * the buffer fills first, then each row out is a random one of the buffer, replaced by the next row in. Batches
     * keep the source's batch size. The order of an epoch depends on {@code seed} and the epoch only.
     */
    default BatchSource shuffled(int bufferRows, long seed) {
        return new ShuffledSource(this, bufferRows, seed);
    }

    /**
     * This source read ahead by a background thread, at most {@code batches} batches ahead (Keras's
     * {@code PyDataset} with one worker and {@code max_queue_size}): reading and parsing files overlap training. The
     * batches and their order are the same.
     */
    default BatchSource prefetched(int batches) {
        return new PrefetchedSource(this, batches);
    }

    /**
     * This source cut to at most {@code batches} batches per pass (tf.data's {@code take(n)}): Keras's {@code steps}
     * of {@code evaluate} and {@code predict} ({@code model.evaluate(source.take(20))}) and {@code validation_steps}
     * of {@code fit} ({@code FitOptions.validationData(source.take(5))}). With an endless source it is what makes a
     * pass end.
     */
    default BatchSource take(int batches) {
        return new TakenSource(this, batches);
    }

    /** A re-iterable source over batches that can be iterated again (a {@code List}, or a generator-like view). */
    static BatchSource of(Iterable<DataBatch> batches) {
        return new IterableSource(batches, false);
    }

    /** A one-shot source: the batches of {@code iterator}, read once. */
    static BatchSource once(Iterator<DataBatch> iterator) {
        return new IterableSource(() -> iterator, true);
    }

    /**
     * One pass over a source's batches. {@link #close()} releases what the pass holds (open files); {@code fit},
     * {@code evaluate} and {@code predict} close each pass they open.
     *
     * <pre>{@code
     * try (BatchSource.Cursor cursor = source.open(0)) {
     *     while (cursor.hasNext()) { DataBatch batch = cursor.next(); }
     * }
     * }</pre>
     */
    interface Cursor extends Iterator<DataBatch>, AutoCloseable {

        @Override
        default void close() {
        }
    }
}
