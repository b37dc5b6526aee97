package dev.lamina.examples.reviews;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Large Movie Review Dataset (Maas et al., 2011) in its official layout
 * ({@code aclImdb/{train,test}/{pos,neg}/ID_RATING.txt}), read from the {@code .tar.gz} as a stream or from an
 * unpacked {@code aclImdb} directory, as text. Reviews are ordered by split, label and id, so every run sees the same
 * order. ({@link ReviewCorpus} reads the same data straight into word ids, in parallel.)
 *
 * <pre>{@code
 * ImdbDataset data = ImdbDataset.read(Path.of("../shared/data/aclImdb_v1-labeled.tar.gz"));
 * }</pre>
 */
public record ImdbDataset(List<Review> train, List<Review> test) {

    /** Reads an archive ({@code .tar.gz}/{@code .tgz}) or an {@code aclImdb} directory. */
    public static ImdbDataset read(Path source) throws IOException {
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        ReviewFiles.forEach(source, (relative, utf8) -> {
            Review review = new Review(relative, new String(utf8, StandardCharsets.UTF_8),
                    ReviewPaths.isPositive(relative));
            (ReviewPaths.isTrain(relative) ? train : test).add(review);
        });
        if (train.isEmpty() || test.isEmpty()) {
            throw new IOException(noReviews(source));
        }
        return new ImdbDataset(ReviewPaths.sort(train, Review::source), ReviewPaths.sort(test, Review::source));
    }

    /** The message for a source without reviews in either split. */
    static String noReviews(Path source) {
        return source + " holds no reviews in the aclImdb layout "
                + "(aclImdb/train/pos/*.txt, aclImdb/test/neg/*.txt, ...); is it the IMDB archive?";
    }
}
