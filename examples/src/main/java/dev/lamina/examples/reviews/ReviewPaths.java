package dev.lamina.examples.reviews;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The aclImdb layout of review files, {@code {train,test}/{pos,neg}/ID_RATING.txt}: which archive entries are
 * reviews, their split and label, and the order every run sees them in (positive first, then by numeric id).
 *
 * <pre>{@code
 * String relative = ReviewPaths.relative("aclImdb/train/pos/12_9.txt");   // "train/pos/12_9.txt"
 * ReviewPaths.isTrain(relative);      // true
 * ReviewPaths.isPositive(relative);   // true
 * List<Review> ordered = ReviewPaths.sort(reviews, Review::source);
 * }</pre>
 */
public final class ReviewPaths {

    /** Where a review goes in the order: positive reviews first, then by the numeric id in the name, then by path. */
    private record SortKey(boolean negative, int id, String relative) {

        static final Comparator<SortKey> ORDER = Comparator.comparing(SortKey::negative)
                .thenComparingInt(SortKey::id).thenComparing(SortKey::relative);

        static SortKey of(String relative) {
            return new SortKey(!ReviewPaths.isPositive(relative), ReviewPaths.id(relative), relative);
        }
    }

    /** An element of a list to sort, with its key worked out once. */
    private record Keyed<T>(SortKey key, T element) {
    }

    private ReviewPaths() {
    }

    /**
     * {@code reviews} in the order every run sees them: positive first, then by the numeric id in the file name, then
     * by path; {@code relative} gives each review's relative path.
     */
    public static <T> List<T> sort(List<T> reviews, Function<T, String> relative) {
        return reviews.stream().map(review -> new Keyed<>(SortKey.of(relative.apply(review)), review))
                .sorted(Comparator.comparing(Keyed::key, SortKey.ORDER)).map(Keyed::element).toList();
    }

    /** {@code train/pos/12_9.txt} for a review entry, or null for anything else (README, vocab, unsup, ...). */
    public static String relative(String name) {
        String[] parts = name.split("/");
        if (parts.length < 4) {
            return null;
        }
        String split = parts[parts.length - 3];
        String label = parts[parts.length - 2];
        String file = parts[parts.length - 1];
        boolean review = (split.equals("train") || split.equals("test")) && (label.equals("pos")
                || label.equals("neg")) && file.endsWith(".txt");
        return review ? split + "/" + label + "/" + file : null;
    }

    /** Whether a relative review path is in the training split. */
    public static boolean isTrain(String relative) {
        return relative.startsWith("train/");
    }

    /** Whether a relative review path holds a positive review. */
    public static boolean isPositive(String relative) {
        return relative.contains("/pos/");
    }

    /** The id in {@code ID_RATING.txt}, or {@code Integer.MAX_VALUE} for a name without one. */
    static int id(String relative) {
        String file = relative.substring(relative.lastIndexOf('/') + 1);
        int underscore = file.indexOf('_');
        try {
            return Integer.parseInt(underscore > 0 ? file.substring(0, underscore) : file.replace(".txt", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
