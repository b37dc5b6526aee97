package dev.lamina.layers;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@link BatchSource#prefetched(int)}: the source read ahead by a thread of its own into a queue of at most
 * {@code batches} batches (Keras's {@code PyDataset} with one worker and {@code max_queue_size}), so that reading and
 * parsing overlap training. The batches and their order are the source's; an exception of the source reaches the
 * reader at the batch where it happened.
 *
 * <pre>{@code
 * BatchSource ahead = new PrefetchedSource(csv, 4);
 * }</pre>
 */
final class PrefetchedSource implements BatchSource {

    /** What the reading thread queues after the last batch, or when the source failed. */
    private record End(RuntimeException failure) {
    }

    private final BatchSource source;
    private final int batches;

    PrefetchedSource(BatchSource source, int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("prefetched needs room for at least 1 batch. Received: " + batches);
        }
        this.source = source;
        this.batches = batches;
    }

    @Override
    public Cursor open(int epoch) {
        return new Ahead(source.open(epoch));
    }

    @Override
    public boolean reiterable() {
        return source.reiterable();
    }

    @Override
    public long batches() {
        return source.batches();
    }

    @Override
    public String toString() {
        return source + ".prefetched(" + batches + ")";
    }

    private final class Ahead implements Cursor {

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(batches);
        private final Thread reader;
        private Object next;
        private boolean ended;

        Ahead(Cursor input) {
            reader = new Thread(() -> read(input), "lamina-prefetch");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Cursor input) {
            RuntimeException failure = null;
            try (input) {
                while (input.hasNext()) {
                    queue.put(input.next());
                }
            } catch (InterruptedException e) {
                return; // the pass was closed
            } catch (RuntimeException | Error e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // closed while reading: the source's file was shut under it
                }
                failure = e instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("reading " + source + " failed: " + e, e);
            }
            try {
                queue.put(new End(failure));
            } catch (InterruptedException e) {
                // closed: nobody waits for the end
            }
        }

        @Override
        public boolean hasNext() {
            if (ended) {
                return false;
            }
            if (next == null) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch of " + source, e);
                }
            }
            if (next instanceof End end) {
                ended = true;
                next = null;
                if (end.failure() != null) {
                    throw end.failure();
                }
                return false;
            }
            return true;
        }

        @Override
        public DataBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more batches in this pass of " + source);
            }
            DataBatch batch = (DataBatch) next;
            next = null;
            return batch;
        }

        @Override
        public void close() {
            reader.interrupt();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
