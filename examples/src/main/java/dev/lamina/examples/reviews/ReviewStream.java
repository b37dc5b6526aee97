package dev.lamina.examples.reviews;

import dev.lamina.layers.BatchSource;
import dev.lamina.layers.DataBatch;
import dev.lamina.layers.SparseRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of the IMDB reviews as a re-iterable {@link BatchSource} of multi-hot {@link SparseRows} batches, read
 * from the archive on every pass and never held in memory: the negative and the positive folder are two shards, each
 * read through its own stream of the archive by a thread of its own, taken in turn (the archive stores them one after
 * the other, so a single stream would give thousands of reviews of one label in a row); words become columns of a
 * {@link Vocabulary} through the example's tokenizer. Mix the rows further with {@code .shuffled(bufferRows, seed)}.
 *
 * <pre>{@code
 * Vocabulary vocabulary = ReviewStream.vocabulary(archive, 10_000);   // one streamed pass counting words
 * BatchSource train = new ReviewStream(archive, "train", vocabulary, 512).shuffled(2_500, 1);
 * model.fit(train, FitOptions.epochs(4));
 * }</pre>
 */
public final class ReviewStream implements BatchSource {

    private final Path source;
    private final String split;
    private final Vocabulary vocabulary;
    private final int batchSize;

    /** The reviews of {@code split} ({@code "train"} or {@code "test"}) in batches of {@code batchSize}. */
    public ReviewStream(Path source, String split, Vocabulary vocabulary, int batchSize) {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("split must be \"train\" or \"test\". Received: " + split);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + batchSize);
        }
        this.source = source;
        this.split = split;
        this.vocabulary = vocabulary;
        this.batchSize = batchSize;
    }

    /**
     * The {@code size} most frequent words of the training reviews, counted in one streamed pass (the same
     * vocabulary as {@link ReviewCorpus} gives: same counts, ties alphabetical).
     */
    public static Vocabulary vocabulary(Path source, int size) throws IOException {
        ReviewEncoder encoder = new ReviewEncoder();
        boolean[] any = {false};
        ReviewFiles.forEach(source, (relative, utf8) -> {
            if (ReviewPaths.isTrain(relative)) {
                encoder.encode(relative, utf8); // counts the words of training reviews
                any[0] = true;
            }
        });
        if (!any[0]) {
            throw new IOException(ImdbDataset.noReviews(source));
        }
        return Vocabulary.mostFrequent(encoder.words(), size);
    }

    @Override
    public Cursor open(int epoch) {
        List<ReviewEntries> shards = new ArrayList<>();
        try {
            for (String folder : ReviewEntries.folders(split)) {
                shards.add(new ReviewEntries(source, folder));
            }
        } catch (IOException e) {
            shards.forEach(ReviewEntries::close);
            throw new UncheckedIOException(e);
        }
        return new Batches(shards);
    }

    @Override
    public String toString() {
        return "ReviewStream[" + source + ", " + split + "]";
    }

    /** A review ready for a batch: its sorted vocabulary columns and its label. */
    private record Row(int[] columns, float label) {
    }

    /** What a shard's thread puts on its queue after its last review, or when reading failed. */
    private record End(RuntimeException failure) {
    }

    /**
     * One pass: each shard is read and encoded by a thread of its own into a small bounded queue (the decompressing
     * and tokenizing, not the training, is the work here), and batches take a review from each queue in turn, so the
     * order does not depend on the threads' timing.
     */
    private final class Batches implements Cursor {

        private static final int QUEUED_REVIEWS = 256;

        private final List<ReviewEntries> shards;
        private final List<BlockingQueue<Object>> queues = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final boolean[] ended;
        private int turn;
        private DataBatch next;

        Batches(List<ReviewEntries> shards) {
            this.shards = shards;
            this.ended = new boolean[shards.size()];
            for (ReviewEntries shard : shards) {
                BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_REVIEWS);
                queues.add(queue);
                Thread thread = new Thread(() -> readShard(shard, queue), "imdb-stream-" + threads.size());
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = read();
            }
            return next != null;
        }

        @Override
        public DataBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more reviews in this pass");
            }
            DataBatch batch = next;
            next = null;
            return batch;
        }

        @Override
        public void close() {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            shards.forEach(ReviewEntries::close);
        }

        private DataBatch read() {
            int[][] rows = new int[batchSize][];
            float[] labels = new float[batchSize];
            int count = 0;
            while (count < batchSize) {
                Row row = nextRow();
                if (row == null) {
                    break;
                }
                rows[count] = row.columns();
                labels[count++] = row.label();
            }
            if (count == 0) {
                return null;
            }
            SparseRows x = SparseRows.multiHot(vocabulary.size(), Arrays.copyOf(rows, count));
            return DataBatch.of(x, Nd4j.create(Arrays.copyOf(labels, count), new long[] {count, 1}, 'c'));
        }

        /** The next review, from the shards in turn (one that has ended is passed over); null after the last. */
        private Row nextRow() {
            for (int tried = 0; tried < queues.size(); tried++) {
                int shard = turn;
                turn = (turn + 1) % queues.size();
                if (ended[shard]) {
                    continue;
                }
                Object item;
                try {
                    item = queues.get(shard).take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while streaming " + source, e);
                }
                if (item instanceof End end) {
                    ended[shard] = true;
                    if (end.failure() != null) {
                        throw end.failure();
                    }
                    continue;
                }
                return (Row) item;
            }
            return null;
        }

        /** A shard's thread: encodes each review into vocabulary columns and queues it; an End at the end. */
        private void readShard(ReviewEntries shard, BlockingQueue<Object> queue) {
            ReviewEncoder encoder = new ReviewEncoder();
            int[] columnOf = new int[0]; // vocabulary column of each word id of the encoder's table, -1 if none
            RuntimeException failure = null;
            try {
                for (ReviewEntries.Entry entry = shard.next(); entry != null; entry = shard.next()) {
                    TokenizedReview review = encoder.encode(entry.relative(), entry.utf8());
                    WordTable words = encoder.words();
                    if (columnOf.length < words.size()) {
                        int from = columnOf.length;
                        columnOf = Arrays.copyOf(columnOf, words.size());
                        for (int id = from; id < columnOf.length; id++) {
                            columnOf[id] = vocabulary.indexOf(words.word(id));
                        }
                    }
                    queue.put(new Row(columns(review.words(), columnOf), review.positive() ? 1f : 0f));
                }
            } catch (InterruptedException e) {
                return; // the pass was closed
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // closed while reading: the stream was shut under it
                }
                failure = e;
            }
            try {
                queue.put(new End(failure));
            } catch (InterruptedException e) {
                // closed: nobody is waiting for the end
            }
        }
    }

    /** The sorted vocabulary columns of a review's distinct word ids. */
    private static int[] columns(int[] ids, int[] columnOf) {
        int[] known = new int[ids.length];
        int count = 0;
        for (int id : ids) {
            if (columnOf[id] >= 0) {
                known[count++] = columnOf[id];
            }
        }
        Arrays.sort(known, 0, count);
        return Arrays.copyOf(known, count);
    }
}
