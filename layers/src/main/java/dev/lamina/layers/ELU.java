package dev.lamina.layers;

import dev.lamina.core.activation.Elu;

/**
 * Keras's {@code ELU(alpha=1.0)} layer: {@code x} for {@code x > 0}, else {@code alpha * (exp(x) - 1)} (core's
 * {@link Elu}).
 *
 * <pre>{@code
 * model.add(new Dense(32, "linear", 100));
 * model.add(new ELU(0.5));
 * }</pre>
 */
public final class ELU extends ActivationLayer {

    private final double alpha;

    /** ELU with {@code alpha = 1.0}. */
    public ELU() {
        this(1.0);
    }

    /** ELU with a finite {@code alpha}, the scale of the negative part. */
    public ELU(double alpha) {
        super(function(alpha));
        this.alpha = alpha;
    }

    private static Elu function(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU expects a finite alpha. Received: alpha=" + alpha);
        }
        return new Elu(alpha);
    }

    /** Names the layer (otherwise {@code elu}, {@code elu_1}, ...). */
    public ELU name(String name) {
        rename(name);
        return this;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String className() {
        return "ELU";
    }

    @Override
    public String toString() {
        return "ELU[" + name() + ", alpha=" + alpha + "]";
    }
}
