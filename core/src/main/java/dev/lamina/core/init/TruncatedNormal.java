package dev.lamina.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code TruncatedNormal(mean=0.0, stddev=0.05)}: N(mean, stddev) with values more than 2 stddev from the
 * mean redrawn.
 *
 * <pre>{@code
 * new Dense(16).kernelInitializer(new TruncatedNormal(0.0, 0.02));
 * }</pre>
 */
public record TruncatedNormal(double mean, double stddev) implements Initializer {

    /** Keras's defaults, N(0, 0.05) truncated at 2 stddev. */
    public TruncatedNormal() {
        this(0.0, 0.05);
    }

    public TruncatedNormal {
        if (!Double.isFinite(mean) || !(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("TruncatedNormal: need a finite mean and stddev >= 0. Received: mean="
                    + mean + ", stddev=" + stddev);
        }
    }

    @Override
    public String name() {
        return "truncated_normal";
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
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2.0);
            values[i] = (float) (mean + stddev * z);
        }
        return values;
    }
}
