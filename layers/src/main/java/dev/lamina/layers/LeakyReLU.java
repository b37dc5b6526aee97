package dev.lamina.layers;

import dev.lamina.core.activation.LeakyRelu;

/**
 * Keras's {@code LeakyReLU(negative_slope=0.3)} layer: {@code x} for {@code x > 0}, else {@code negative_slope * x}
 * (core's {@link LeakyRelu}). Its derivative at 0 is {@code negative_slope}, as TensorFlow's gradient gives (JAX
 * gives 1 there). Keras 2 called the slope {@code alpha}; the layer's default is 0.3, not the function's 0.2.
 *
 * <pre>{@code
 * model.add(new Dense(32, "linear", 100));
 * model.add(new LeakyReLU(0.1));
 * }</pre>
 */
public final class LeakyReLU extends ActivationLayer {

    private final double negativeSlope;

    /** The slope 0.3, Keras's default for this layer. */
    public LeakyReLU() {
        this(0.3);
    }

    /** A slope {@code >= 0} for negative inputs. */
    public LeakyReLU(double negativeSlope) {
        super(function(negativeSlope));
        this.negativeSlope = negativeSlope;
    }

    private static LeakyRelu function(double negativeSlope) {
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU expects a finite negative_slope >= 0. Received: "
                    + "negative_slope=" + negativeSlope);
        }
        return new LeakyRelu(negativeSlope);
    }

    /** Names the layer (otherwise {@code leaky_re_lu}, {@code leaky_re_lu_1}, ... as Keras names it). */
    public LeakyReLU name(String name) {
        rename(name);
        return this;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public String className() {
        return "LeakyReLU";
    }

    @Override
    public String toString() {
        return "LeakyReLU[" + name() + ", negative_slope=" + negativeSlope + "]";
    }
}
