package dev.lamina.core.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code PolynomialDecay}: from {@code initial} to {@code end} over {@code decaySteps} as
 * {@code (initial - end) * (1 - step / decaySteps) ^ power + end}, then {@code end}; with {@code cycle} the decay
 * steps grow to the next multiple of {@code decaySteps} instead ({@code
 * keras/src/optimizers/schedules/learning_rate_schedule.py}).
 *
 * <pre>{@code
 * new PolynomialDecay(0.1, 10000, 0.01, 0.5, false).at(5000)
 * }</pre>
 */
public record PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate, double power,
                              boolean cycle) implements LearningRateSchedule {

    public PolynomialDecay {
        LearningRateSchedules.requireRate("PolynomialDecay", "initial_learning_rate", initialLearningRate);
        LearningRateSchedules.requireRate("PolynomialDecay", "end_learning_rate", endLearningRate);
        LearningRateSchedules.requirePositive("PolynomialDecay", "decay_steps", decaySteps);
    }

    /** Keras's defaults: end 0.0001, power 1 (linear), no cycle. */
    public PolynomialDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0001, 1.0, false);
    }

    @Override
    public double at(long step) {
        double t = step;
        double steps = decaySteps;
        if (cycle) {
            steps *= step == 0 ? 1.0 : Math.ceil(t / decaySteps);
        } else {
            t = Math.min(t, steps);
        }
        return (initialLearningRate - endLearningRate) * Math.pow(1 - t / steps, power) + endLearningRate;
    }

    @Override
    public String className() {
        return "PolynomialDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("decay_steps", decaySteps);
        config.put("end_learning_rate", endLearningRate);
        config.put("power", power);
        config.put("cycle", cycle);
        return config;
    }
}
