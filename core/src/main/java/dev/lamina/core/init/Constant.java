package dev.lamina.core.init;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code Zeros}, {@code Ones} and {@code Constant(value)}: every weight starts at {@code value}.
 *
 * <pre>{@code
 * new Dense(16).biasInitializer(Constant.ONES);
 * }</pre>
 */
public record Constant(double value) implements Initializer {

    /** Keras's {@code zeros}, the bias default. */
    public static final Constant ZEROS = new Constant(0.0);
    /** Keras's {@code ones}. */
    public static final Constant ONES = new Constant(1.0);

    public Constant {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Constant initializer: value must be finite. Received: " + value);
        }
    }

    @Override
    public String name() {
        return value == 0.0 ? "zeros" : value == 1.0 ? "ones" : "constant";
    }

    @Override
    public Map<String, Double> config() {
        return name().equals("constant") ? Map.of("value", value) : Map.of();
    }

    @Override
    public float[] sample(long fanIn, long fanOut, Random random) {
        float[] values = new float[Math.toIntExact(fanIn * fanOut)];
        Arrays.fill(values, (float) value);
        return values;
    }
}
