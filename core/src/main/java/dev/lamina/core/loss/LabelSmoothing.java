package dev.lamina.core.loss;

/** Keras's {@code label_smoothing} argument of the cross-entropies: a fraction in [0, 1]. */
final class LabelSmoothing {

    private LabelSmoothing() {
    }

    static void check(String loss, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + ": label_smoothing must be in [0, 1]. Received: label_smoothing="
                    + labelSmoothing);
        }
    }
}
