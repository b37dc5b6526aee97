package dev.lamina.core.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code VarianceScaling}: the family behind {@code glorot_*}, {@code he_*} and {@code lecun_*}.
 *
 * <p>With {@code n} = fan_in, fan_out or their mean ({@code mode}): a {@code truncated_normal} draws from
 * N(0, stddev) with {@code stddev = sqrt(scale / n) / 0.87962566103423978}, redrawing values beyond 2 stddev (the
 * constant makes the truncated variance equal {@code scale / n}); {@code untruncated_normal} uses
 * {@code sqrt(scale / n)}; {@code uniform} draws from U(-limit, limit) with {@code limit = sqrt(3 scale / n)}.
 *
 * <pre>{@code
 * Initializer glorot = new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.UNIFORM);
 * }</pre>
 */
public record VarianceScaling(double scale, Mode mode, Distribution distribution) implements Initializer {

    /** Keras's constant: the standard deviation of N(0,1) truncated to [-2, 2]. */
    public static final double TRUNCATED_STDDEV_CORRECTION = 0.87962566103423978;

    /** Which fan divides the scale. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG
    }

    /** The distribution drawn from. */
    public enum Distribution {
        TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM
    }

    public VarianceScaling {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("VarianceScaling: scale must be a positive number. Received: scale="
                    + scale);
        }
        if (mode == null || distribution == null) {
            throw new IllegalArgumentException("VarianceScaling: mode and distribution are required");
        }
    }

    @Override
    public String name() {
        String prefix = scale == 1.0 && mode == Mode.FAN_AVG ? "glorot"
                : scale == 2.0 && mode == Mode.FAN_IN ? "he"
                : scale == 1.0 && mode == Mode.FAN_IN ? "lecun" : null;
        if (prefix != null && distribution != Distribution.UNTRUNCATED_NORMAL) {
            return prefix + (distribution == Distribution.UNIFORM ? "_uniform" : "_normal");
        }
        return "variance_scaling";
    }

    @Override
    public Map<String, Double> config() {
        if (!name().equals("variance_scaling")) {
            return Map.of();
        }
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", (double) mode.ordinal());
        config.put("distribution", (double) distribution.ordinal());
        return config;
    }

    @Override
    public float[] sample(long fanIn, long fanOut, Random random) {
        double n = switch (mode) {
            case FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            case FAN_AVG -> (fanIn + fanOut) / 2.0;
        };
        double variance = scale / Math.max(1.0, n);
        return switch (distribution) {
            case UNIFORM -> RandomUniform.draw(fanIn * fanOut, -Math.sqrt(3 * variance), Math.sqrt(3 * variance),
                    random);
            case TRUNCATED_NORMAL -> TruncatedNormal.draw(fanIn * fanOut, 0.0,
                    Math.sqrt(variance) / TRUNCATED_STDDEV_CORRECTION, random);
            case UNTRUNCATED_NORMAL -> RandomNormal.draw(fanIn * fanOut, 0.0, Math.sqrt(variance), random);
        };
    }
}
