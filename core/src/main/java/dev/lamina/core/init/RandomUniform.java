package dev.lamina.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code RandomUniform(minval=-0.05, maxval=0.05)}.
 *
 * <pre>{@code
 * new Dense(16).kernelInitializer(new RandomUniform(-0.1, 0.1));
 * }</pre>
 */
public record RandomUniform(double minval, double maxval) implements Initializer {

    /** Keras's defaults, [-0.05, 0.05]. */
    public RandomUniform() {
        this(-0.05, 0.05);
    }

    public RandomUniform {
        if (!Double.isFinite(minval) || !Double.isFinite(maxval) || minval > maxval) {
            throw new IllegalArgumentException("RandomUniform: need finite minval <= maxval. Received: minval="
                    + minval + ", maxval=" + maxval);
        }
    }

    @Override
    public String name() {
        return "random_uniform";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("minval", minval);
        config.put("maxval", maxval);
        return config;
    }

    @Override
    public float[] sample(long fanIn, long fanOut, Random random) {
        return draw(fanIn * fanOut, minval, maxval, random);
    }

    static float[] draw(long count, double low, double high, Random random) {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }
}
