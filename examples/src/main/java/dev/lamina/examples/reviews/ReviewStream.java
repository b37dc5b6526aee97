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
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of the IMDB reviews as a re-iterable {@link BatchSource} of multi-hot {@link SparseRows} batches, read
 * from the archive on every pass and never held in memory: the negative and the positive folder are two shards, each
 * read through its own stream of the archive, taken in turn (the archive stores them one after the other, so a single
 * stream would give thousands of reviews of one label in a row); words become columns of a {@link Vocabulary} through
 * the example's tokenizer. Mix the rows further with {@code .shuffled(bufferRows, seed)}.
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

    /** One pass: the shards in turn, each review encoded as it arrives. */
    private final class Batches implements Cursor {

        private final List<ReviewEntries> shards;
        private final boolean[] ended;
        private final ReviewEncoder encoder = new ReviewEncoder();
        /** Column of each word id of the encoder's table, -1 outside the vocabulary; grows with the table. */
        private int[] columnOf = new int[0];
        private int turn;
        private DataBatch next;

        Batches(List<ReviewEntries> shards) {
            this.shards = shards;
            this.ended = new boolean[shards.size()];
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
            shards.forEach(ReviewEntries::close);
        }

        private DataBatch read() {
            int[][] rows = new int[batchSize][];
            float[] labels = new float[batchSize];
            int count = 0;
            while (count < batchSize) {
                ReviewEntries.Entry entry = nextEntry();
                if (entry == null) {
                    break;
                }
                TokenizedReview review = encoder.encode(entry.relative(), entry.utf8());
                rows[count] = columns(review.words());
                labels[count++] = review.positive() ? 1f : 0f;
            }
            if (count == 0) {
                return null;
            }
            SparseRows x = SparseRows.multiHot(vocabulary.size(), Arrays.copyOf(rows, count));
            return DataBatch.of(x, Nd4j.create(Arrays.copyOf(labels, count), new long[] {count, 1}, 'c'));
        }

        /** The next review, from the shards in turn (one that has ended is passed over). */
        private ReviewEntries.Entry nextEntry() {
            for (int tried = 0; tried < shards.size(); tried++) {
                int shard = turn;
                turn = (turn + 1) % shards.size();
                if (!ended[shard]) {
                    ReviewEntries.Entry entry = shards.get(shard).next();
                    if (entry != null) {
                        return entry;
                    }
                    ended[shard] = true;
                }
            }
            return null;
        }

        /** The sorted vocabulary columns of a review's distinct word ids. */
        private int[] columns(int[] ids) {
            WordTable words = encoder.words();
            if (columnOf.length < words.size()) {
                int from = columnOf.length;
                columnOf = Arrays.copyOf(columnOf, Math.max(words.size(), 2 * from));
                for (int id = from; id < columnOf.length; id++) {
                    columnOf[id] = id < words.size() ? vocabulary.indexOf(words.word(id)) : -2;
                }
            }
            int[] known = new int[ids.length];
            int count = 0;
            for (int id : ids) {
                int column = columnOf[id];
                if (column == -2) { // allocated ahead of the table: look it up now
                    column = columnOf[id] = vocabulary.indexOf(words.word(id));
                }
                if (column >= 0) {
                    known[count++] = column;
                }
            }
            Arrays.sort(known, 0, count);
            return Arrays.copyOf(known, count);
        }
    }
}
