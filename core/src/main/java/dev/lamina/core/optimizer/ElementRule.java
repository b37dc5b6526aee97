package dev.lamina.core.optimizer;

/**
 * An optimizer's update written for one element at a time, applied to chunks of float32 values: the weights
 * {@code w}, their gradients {@code g} and the optimizer's slot arrays (moments, accumulators) in {@code slots},
 * all updated in place for indices {@code [0, length)}.
 *
 * <pre>{@code
 * ElementRule sgd = (w, g, slots, length) -> { for (int i = 0; i < length; i++) w[i] -= lr * g[i]; };
 * }</pre>
 */
@FunctionalInterface
interface ElementRule {

    void apply(float[] w, float[] g, float[][] slots, int length);

    /**
     * {@code x}, or 0 when it is subnormal. Moments of weights whose gradient stays 0 decay geometrically into the
     * subnormal range, where every float operation costs ~100x more (an Adam epoch ran 2x slower than the one before
     * it); TensorFlow, under Keras, flushes subnormals to zero on CPU for the same reason, so this matches Keras.
     */
    static float flush(float x) {
        return Math.abs(x) >= Float.MIN_NORMAL ? x : 0f;
    }
}
