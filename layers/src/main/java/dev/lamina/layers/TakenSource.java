package dev.lamina.layers;

import java.util.NoSuchElementException;

/**
 * {@link BatchSource#take(int)}: at most {@code limit} batches of each pass of a source (tf.data's {@code take(n)}),
 * which is what Keras's {@code steps} of {@code evaluate} and {@code predict} and {@code validation_steps} of
 * {@code fit} do to a dataset. The pass ends early when the source does.
 *
 * <pre>{@code
 * Map<String, Double> scores = model.evaluate(stream.take(20));   // Keras: model.evaluate(stream, steps=20)
 * }</pre>
 */
final class TakenSource implements BatchSource {

    private final BatchSource source;
    private final int limit;

    TakenSource(BatchSource source, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("take needs at least 1 batch. Received: " + limit);
        }
        this.source = source;
        this.limit = limit;
    }

    @Override
    public Cursor open(int epoch) {
        Cursor cursor = source.open(epoch);
        return new Cursor() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < limit && cursor.hasNext();
            }

            @Override
            public DataBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("this pass has given its " + taken + " batches");
                }
                taken++;
                return cursor.next();
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public boolean reiterable() {
        return source.reiterable();
    }

    @Override
    public long batches() {
        long all = source.batches();
        return all < 0 ? -1 : Math.min(all, limit);
    }

    @Override
    public String toString() {
        return source + ".take(" + limit + ")";
    }
}
