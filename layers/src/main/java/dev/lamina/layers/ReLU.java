package dev.lamina.layers;

import dev.lamina.core.activation.Relu;

/**
 * Keras's {@code ReLU(max_value=None, negative_slope=0.0, threshold=0.0)} layer (core's {@link Relu}):
 * {@code max_value} for {@code x >= max_value}, {@code x} for {@code threshold < x < max_value}, else
 * {@code negative_slope * (x - threshold)}. As in {@code keras/src/layers/activations/relu.py}, all three must be
 * {@code >= 0}; "no maximum" is {@link Double#POSITIVE_INFINITY} (null in JSON).
 *
 * <pre>{@code
 * model.add(new ReLU());                      // max(x, 0)
 * model.add(new ReLU(6.0));                   // relu6
 * model.add(new ReLU(6.0, 0.1, 0.5));         // max_value, negative_slope, threshold
 * }</pre>
 */
public final class ReLU extends ActivationLayer {

    private final double maxValue;
    private final double negativeSlope;
    private final double threshold;

    /** The plain rectifier {@code max(x, 0)}. */
    public ReLU() {
        this(Double.POSITIVE_INFINITY, 0.0, 0.0);
    }

    /** A rectifier capped at {@code maxValue}. */
    public ReLU(double maxValue) {
        this(maxValue, 0.0, 0.0);
    }

    /** Keras's three parameters, in Keras's order. */
    public ReLU(double maxValue, double negativeSlope, double threshold) {
        super(function(maxValue, negativeSlope, threshold));
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    private static Relu function(double maxValue, double negativeSlope, double threshold) {
        if (!(maxValue >= 0)) {
            throw new IllegalArgumentException("ReLU expects max_value >= 0 (or +infinity for none). Received: "
                    + "max_value=" + maxValue);
        }
        if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
            throw new IllegalArgumentException("ReLU expects a finite negative_slope >= 0. Received: negative_slope="
                    + negativeSlope);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("ReLU expects a finite threshold >= 0. Received: threshold="
                    + threshold);
        }
        return new Relu(negativeSlope, maxValue, threshold);
    }

    /** Names the layer (otherwise {@code re_lu}, {@code re_lu_1}, ... as Keras names it). */
    public ReLU name(String name) {
        rename(name);
        return this;
    }

    /** The cap, {@link Double#POSITIVE_INFINITY} for none. */
    public double maxValue() {
        return maxValue;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public String className() {
        return "ReLU";
    }

    @Override
    public String toString() {
        return "ReLU[" + name() + ", max_value=" + maxValue + ", negative_slope=" + negativeSlope + ", threshold="
                + threshold + "]";
    }
}
