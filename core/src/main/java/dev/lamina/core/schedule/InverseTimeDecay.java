package dev.lamina.core.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code InverseTimeDecay}: {@code initial / (1 + decayRate * step / decaySteps)}, the quotient floored when
 * {@code staircase} ({@code keras/src/optimizers/schedules/learning_rate_schedule.py}).
 *
 * <pre>{@code
 * new InverseTimeDecay(0.1, 1, 0.5).at(2)   // 0.1 / (1 + 0.5 * 2) = 0.05
 * }</pre>
 */
public record InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {

    public InverseTimeDecay {
        LearningRateSchedules.requireRate("InverseTimeDecay", "initial_learning_rate", initialLearningRate);
        LearningRateSchedules.requirePositive("InverseTimeDecay", "decay_steps", decaySteps);
    }

    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate / (1 + decayRate * (staircase ? Math.floor(p) : p));
    }

    @Override
    public String className() {
        return "InverseTimeDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("decay_rate", decayRate);
        config.put("staircase", staircase);
        return config;
    }
}
