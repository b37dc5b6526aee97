package dev.lamina.layers;

import java.util.Iterator;

/**
 * {@link BatchSource#of(Iterable)} and {@link BatchSource#once(java.util.Iterator)}: the batches of an
 * {@code Iterable}, a new iterator per pass, or one iterator read once.
 *
 * <pre>{@code
 * BatchSource source = new IterableSource(List.of(DataBatch.of(x, y)), false);
 * }</pre>
 */
final class IterableSource implements BatchSource {

    private final Iterable<DataBatch> batches;
    private final boolean oneShot;
    private boolean opened;

    IterableSource(Iterable<DataBatch> batches, boolean oneShot) {
        if (batches == null) {
            throw new IllegalArgumentException("A batch source needs batches; received null");
        }
        this.batches = batches;
        this.oneShot = oneShot;
    }

    @Override
    public synchronized Cursor open(int epoch) {
        if (oneShot && opened) {
            throw new IllegalStateException("This one-shot batch source (BatchSource.once) was read already. Give a "
                    + "re-iterable source (BatchSource.of(list), a file source) to read the data again.");
        }
        opened = true;
        Iterator<DataBatch> iterator = batches.iterator();
        return new Cursor() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public DataBatch next() {
                return iterator.next();
            }
        };
    }

    @Override
    public boolean reiterable() {
        return !oneShot;
    }

    @Override
    public long batches() {
        return batches instanceof java.util.Collection<?> collection ? collection.size() : -1;
    }

    @Override
    public String toString() {
        return oneShot ? "BatchSource.once(...)" : "BatchSource.of(" + batches.getClass().getSimpleName() + ")";
    }
}
