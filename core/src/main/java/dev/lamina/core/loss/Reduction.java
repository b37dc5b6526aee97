package dev.lamina.core.loss;

import java.util.Arrays;

/**
 * How a batch's per-sample losses (already multiplied by their sample weights) become the one number training
 * minimises, as Keras 3's {@code reduce_values} in {@code keras/src/losses/loss.py}: divided by the number of samples
 * ({@code sum_over_batch_size}, the default, and its alias {@code mean}), by the sum of the sample weights
 * ({@code mean_with_sample_weight}, the number of samples without weights), or not at all ({@code sum}). With
 * {@code none} the loss stays per sample and Keras's compiled loss averages it, so in training it is the mean too.
 * A divisor of 0 gives 0 (Keras's {@code divide_no_nan}).
 *
 * <pre>{@code
 * Loss summed = new BinaryCrossentropy().withReduction(Reduction.SUM);
 * }</pre>
 */
public enum Reduction {
    SUM_OVER_BATCH_SIZE("sum_over_batch_size"),
    MEAN("mean"),
    MEAN_WITH_SAMPLE_WEIGHT("mean_with_sample_weight"),
    SUM("sum"),
    NONE("none");

    private final String kerasName;

    Reduction(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's name, e.g. {@code sum_over_batch_size}. */
    public String kerasName() {
        return kerasName;
    }

    /** The reduction Keras calls {@code name}. */
    public static Reduction of(String name) {
        for (Reduction reduction : values()) {
            if (reduction.kerasName.equals(name)) {
                return reduction;
            }
        }
        throw new IllegalArgumentException("Unknown loss reduction '" + name + "'. Known: "
                + Arrays.stream(values()).map(Reduction::kerasName).toList() + ".");
    }

    /**
     * What the weighted sum of a batch's losses is divided by: the batch's {@code rows}, the sum of its sample
     * weights ({@code weightSum}, NaN when there are none), or 1.
     */
    public double divisor(long rows, double weightSum) {
        return switch (this) {
            case SUM -> 1;
            case MEAN_WITH_SAMPLE_WEIGHT -> Double.isNaN(weightSum) ? rows : weightSum;
            default -> rows;
        };
    }
}
