package dev.lamina.core.init;

import java.util.Map;
import java.util.Random;

/**
 * Fills a weight tensor with starting values, like a Keras initializer.
 *
 * <pre>{@code
 * float[] kernel = Initializers.get("he_normal").sample(100, 16, new Random(42));   // 100 x 16 values, row-major
 * }</pre>
 */
public interface Initializer {

    /** Keras's snake_case name ({@code glorot_uniform}, {@code zeros}, ...). */
    String name();

    /** The parameters that, with {@link #name()}, rebuild this initializer (Keras's config). */
    Map<String, Double> config();

    /**
     * Draws {@code fanIn * fanOut} values for a kernel of shape {@code [fanIn, fanOut]} (a bias uses
     * {@code fanIn = 1}), row-major, from {@code random}.
     */
    float[] sample(long fanIn, long fanOut, Random random);
}
