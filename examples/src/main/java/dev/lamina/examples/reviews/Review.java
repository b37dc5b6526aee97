package dev.lamina.examples.reviews;

/**
 * One labelled review of the dataset: its text, whether it is positive, and where it came from
 * ({@code train/pos/123_9.txt}).
 *
 * <pre>{@code
 * new Review("train/pos/0_9.txt", "A wonderful film.", true);
 * }</pre>
 */
public record Review(String source, String text, boolean positive) {
}
