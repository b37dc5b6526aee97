package dev.lamina.core.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecay} (SGDR without restarts), with its optional linear warmup: without warmup,
 * {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)}; with a
 * {@code warmupTarget}, a line from {@code initial} to {@code warmupTarget} over {@code warmupSteps}, then that decay
 * from {@code warmupTarget} ({@code keras/src/optimizers/schedules/learning_rate_schedule.py}).
 *
 * <pre>{@code
 * new CosineDecay(0.0, 1000, 0.0, 0.1, 100)   // warm up to 0.1 over 100 steps, then decay over 1000
 * }</pre>
 *
 * @param warmupTarget the rate at the end of the warmup, or null for no warmup
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
                          long warmupSteps) implements LearningRateSchedule {

    public CosineDecay {
        LearningRateSchedules.requireRate("CosineDecay", "initial_learning_rate", initialLearningRate);
        LearningRateSchedules.requirePositive("CosineDecay", "decay_steps", decaySteps);
        if (warmupTarget != null) {
            LearningRateSchedules.requireRate("CosineDecay", "warmup_target", warmupTarget);
            LearningRateSchedules.requirePositive("CosineDecay", "warmup_steps", warmupSteps);
        } else if (warmupSteps < 0) {
            throw new IllegalArgumentException("CosineDecay: warmup_steps must be >= 0. Received: " + warmupSteps);
        }
    }

    /** No warmup, alpha 0 (Keras's defaults). */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0, null, 0);
    }

    @Override
    public double at(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        double t = Math.min(step, decaySteps + warmupSteps);
        if (t < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (t / warmupSteps) + initialLearningRate;
        }
        return decayed(t - warmupSteps, warmupTarget);
    }

    private double decayed(double step, double from) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("alpha", alpha);
        config.put("warmup_target", warmupTarget);
        config.put("warmup_steps", warmupSteps);
        return config;
    }
}
