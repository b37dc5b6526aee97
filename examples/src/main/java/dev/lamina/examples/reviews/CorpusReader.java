package dev.lamina.examples.reviews;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the IMDB review files into a {@link ReviewCorpus} as a pipeline: one thread decompresses the archive and
 * hands chunks of review files through a bounded queue to {@code encoders} threads, which decode and tokenize them,
 * each into its own {@link WordTable}; the tables are merged at the end. Memory stays bounded by the queue, and the
 * result does not depend on the number of threads or their timing.
 *
 * <pre>{@code
 * ReviewCorpus corpus = CorpusReader.read(Path.of("aclImdb_v1.tar.gz"), 2);
 * }</pre>
 */
final class CorpusReader {

    /** Review files per chunk: large enough that a queue operation is rare, small enough to spread the work. */
    private static final int CHUNK = 256;
    /** Chunks in flight, about 5 MB of IMDB reviews. */
    private static final int QUEUED_CHUNKS = 16;
    private static final List<ReviewFile> END = List.of();

    private record ReviewFile(String relative, byte[] utf8) {
    }

    /** What one encoder thread produced: its reviews, with ids in its own table. */
    private record Encoded(ReviewEncoder encoder, List<TokenizedReview> reviews) {
    }

    private CorpusReader() {
    }

    /** Reads an archive or an {@code aclImdb} directory: one thread reads, {@code encoders} threads tokenize. */
    static ReviewCorpus read(Path source, int encoders) throws IOException {
        if (encoders < 1) {
            throw new IllegalArgumentException("reading needs at least one tokenizing thread. Received: " + encoders);
        }
        BlockingQueue<List<ReviewFile>> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        ExecutorService threads = Executors.newFixedThreadPool(encoders + 1, task -> {
            Thread thread = new Thread(task, "imdb-corpus");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Encoded> tasks = new ExecutorCompletionService<>(threads);
        try {
            tasks.submit(() -> readFiles(source, queue, encoders));
            for (int i = 0; i < encoders; i++) {
                tasks.submit(() -> encode(queue));
            }
            List<Encoded> results = new ArrayList<>();
            for (int i = 0; i <= encoders; i++) {
                Encoded encoded = tasks.take().get();
                if (encoded != null) {
                    results.add(encoded);
                }
            }
            return merge(source, results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + source);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            threads.shutdownNow(); // stops the other threads after a failure; a no-op after success
        }
    }

    /** Sends the review files to the queue in chunks, then one end marker per encoder; produces no reviews itself. */
    private static Encoded readFiles(Path source, BlockingQueue<List<ReviewFile>> queue, int encoders)
            throws IOException, InterruptedException {
        try {
            Chunker chunker = new Chunker(queue);
            ReviewFiles.forEach(source, chunker);
            chunker.flush();
        } finally {
            for (int i = 0; i < encoders; i++) {
                queue.put(END);
            }
        }
        return null;
    }

    /** Collects review files into chunks and puts each full chunk on the queue. */
    private static final class Chunker implements ReviewFiles.Sink {

        private final BlockingQueue<List<ReviewFile>> queue;
        private List<ReviewFile> chunk = new ArrayList<>(CHUNK);

        Chunker(BlockingQueue<List<ReviewFile>> queue) {
            this.queue = queue;
        }

        @Override
        public void accept(String relative, byte[] utf8) throws IOException {
            chunk.add(new ReviewFile(relative, utf8));
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() throws IOException {
            if (chunk.isEmpty()) {
                return;
            }
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("reading stopped: a tokenizing thread failed or was interrupted");
            }
            chunk = new ArrayList<>(CHUNK);
        }
    }

    private static Encoded encode(BlockingQueue<List<ReviewFile>> queue) throws InterruptedException {
        ReviewEncoder encoder = new ReviewEncoder();
        List<TokenizedReview> reviews = new ArrayList<>();
        for (List<ReviewFile> chunk = queue.take(); chunk != END; chunk = queue.take()) {
            for (ReviewFile file : chunk) {
                reviews.add(encoder.encode(file.relative(), file.utf8()));
            }
        }
        return new Encoded(encoder, reviews);
    }

    /** One table for all words, each review's ids rewritten into it; the reviews split and in their order. */
    private static ReviewCorpus merge(Path source, List<Encoded> results) throws IOException {
        WordTable words = new WordTable();
        List<TokenizedReview> train = new ArrayList<>();
        List<TokenizedReview> test = new ArrayList<>();
        for (Encoded encoded : results) {
            int[] ids = words.addAll(encoded.encoder().words());
            for (TokenizedReview review : encoded.reviews()) {
                int[] reviewWords = review.words();
                for (int i = 0; i < reviewWords.length; i++) {
                    reviewWords[i] = ids[reviewWords[i]];
                }
                (ReviewPaths.isTrain(review.source()) ? train : test).add(review);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IOException(ImdbDataset.noReviews(source));
        }
        return new ReviewCorpus(words, ReviewPaths.sort(train, TokenizedReview::source),
                ReviewPaths.sort(test, TokenizedReview::source));
    }

    /** The exception to throw for a failed thread: its IOException, or unchecked ones rethrown as they are. */
    private static IOException failure(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
