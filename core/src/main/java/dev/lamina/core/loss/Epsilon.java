package dev.lamina.core.loss;

/** Keras's fuzz factor {@code backend.epsilon()}, used to clip probabilities. */
final class Epsilon {
    static final double VALUE = 1e-7;

    private Epsilon() {
    }
}
