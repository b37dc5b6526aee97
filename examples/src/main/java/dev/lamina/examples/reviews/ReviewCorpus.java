package dev.lamina.examples.reviews;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IMDB reviews as word ids, ready to vectorize: every distinct word of both splits in one {@link WordTable}
 * (counted over the training reviews only), and the training and test reviews in the order of
 * {@link ReviewPaths#sort}. Reading decompresses and tokenizes in parallel (see {@link CorpusReader}); no review text
 * is kept.
 *
 * <pre>{@code
 * ReviewCorpus corpus = ReviewCorpus.read(Path.of("../shared/data/aclImdb_v1-labeled.tar.gz"));
 * Vocabulary vocabulary = Vocabulary.mostFrequent(corpus.words(), 10_000);
 * SparseRows x = vocabulary.multiHot(corpus.words(), corpus.train());
 * INDArray y = ReviewCorpus.labels(corpus.train());
 * }</pre>
 */
public record ReviewCorpus(WordTable words, List<TokenizedReview> train, List<TokenizedReview> test) {

    /** Reads an archive ({@code .tar.gz}/{@code .tgz}) or an {@code aclImdb} directory, on all cores. */
    public static ReviewCorpus read(Path source) throws IOException {
        return CorpusReader.read(source, Runtime.getRuntime().availableProcessors());
    }

    /** The labels as a {@code [n, 1]} column: 1 for a positive review, 0 for a negative one. */
    public static INDArray labels(List<TokenizedReview> reviews) {
        float[] y = new float[reviews.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = reviews.get(i).positive() ? 1f : 0f;
        }
        return Nd4j.createFromArray(y).reshape(y.length, 1);
    }
}
