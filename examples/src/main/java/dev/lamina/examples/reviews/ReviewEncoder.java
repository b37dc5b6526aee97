package dev.lamina.examples.reviews;

import java.util.Arrays;

/**
 * Turns review files into {@link TokenizedReview}s: decodes the UTF-8, tokenizes it with {@link Tokenizer}, and
 * replaces each word by its id in this encoder's own {@link WordTable}, counting every occurrence in a training review
 * (the counts the vocabulary is chosen by). One encoder per thread; their tables are merged afterwards.
 *
 * <pre>{@code
 * ReviewEncoder encoder = new ReviewEncoder();
 * TokenizedReview review = encoder.encode("train/pos/0_9.txt", "A fine, fine film".getBytes(UTF_8));
 * review.words();   // [0, 1, 2]: "a", "fine", "film"
 * encoder.words();  // the table, where "fine" has count 2
 * }</pre>
 */
final class ReviewEncoder {

    private final WordTable words = new WordTable();
    private final Tokenizer.TokenSink sink = this::add;
    /** Per word id, the serial number of the last review it was seen in, to keep each review's ids distinct. */
    private int[] lastSeen = new int[1 << 12];
    private int review;
    private boolean counting;
    private int[] ids = new int[256];
    private int distinct;

    WordTable words() {
        return words;
    }

    /** The distinct word ids of one review file; counts its words if it is a training review. */
    TokenizedReview encode(String relative, byte[] utf8) {
        review++;
        counting = ReviewPaths.isTrain(relative);
        distinct = 0;
        Tokenizer.forEachToken(utf8, sink);
        return new TokenizedReview(relative, ReviewPaths.isPositive(relative), Arrays.copyOf(ids, distinct));
    }

    private void add(char[] token, int length) {
        int id = words.add(token, length);
        if (counting) {
            words.increment(id);
        }
        if (id >= lastSeen.length) {
            lastSeen = Arrays.copyOf(lastSeen, Math.max(id + 1, 2 * lastSeen.length));
        }
        if (lastSeen[id] != review) {
            lastSeen[id] = review;
            if (distinct == ids.length) {
                ids = Arrays.copyOf(ids, 2 * ids.length);
            }
            ids[distinct++] = id;
        }
    }
}
