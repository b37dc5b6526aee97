package dev.lamina.examples.reviews;

/**
 * One review as the distinct ids of its words (in a {@link WordTable}, in order of first appearance), with its label
 * and where it came from ({@code train/pos/123_9.txt}).
 *
 * <pre>{@code
 * new TokenizedReview("train/pos/0_9.txt", true, new int[] {0, 1, 2});   // "a wonderful film"
 * }</pre>
 */
public record TokenizedReview(String source, boolean positive, int[] words) {
}
