package dev.lamina.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code RandomNormal(mean=0.0, stddev=0.05)}.
 *
 * <pre>{@code
 * new Dense(16).kernelInitializer(new RandomNormal(0.0, 0.01));
 * }</pre>
 */
public record RandomNormal(double mean, double stddev) implements Initializer {

    /** Keras's defaults, N(0, 0.05). */
    public RandomNormal() {
        this(0.0, 0.05);
    }

    public RandomNormal {
        if (!Double.isFinite(mean) || !(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("RandomNormal: need a finite mean and stddev >= 0. Received: mean="
                    + mean + ", stddev=" + stddev);
        }
    }

    @Override
    public String name() {
        return "random_normal";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("mean", mean);
        config.put("stddev", stddev);
        return config;
    }

    @Override
    public float[] sample(long fanIn, long fanOut, Random random) {
        return draw(fanIn * fanOut, mean, stddev, random);
    }

    static float[] draw(long count, double mean, double stddev, Random random) {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + stddev * random.nextGaussian());
        }
        return values;
    }
}
