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

}
