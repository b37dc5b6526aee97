package dev.lamina.core.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecayRestarts} (SGDR): cosine decay over {@code firstDecaySteps}, then restarts, each period
 * {@code tMul} times longer and starting {@code mMul} times lower
 * ({@code keras/src/optimizers/schedules/learning_rate_schedule.py}).
 *
 * <pre>{@code
 * new CosineDecayRestarts(0.1, 1000)   // tMul 2, mMul 1, alpha 0
 * }</pre>
 */
public record CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul, double mMul,
                                  double alpha) implements LearningRateSchedule {

    public CosineDecayRestarts {
        LearningRateSchedules.requireRate("CosineDecayRestarts", "initial_learning_rate", initialLearningRate);
        LearningRateSchedules.requirePositive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
        if (!(tMul > 0) || !(mMul >= 0)) {
            throw new IllegalArgumentException("CosineDecayRestarts: t_mul must be > 0 and m_mul >= 0. Received: "
                    + "t_mul=" + tMul + ", m_mul=" + mMul);
        }
    }

    /** Keras's defaults: t_mul 2, m_mul 1, alpha 0. */
    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
        this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0);
    }

    @Override
    public double at(long step) {
        double fraction = (double) step / firstDecaySteps;
        double restart;
        if (tMul == 1.0) {
            restart = Math.floor(fraction);
            fraction -= restart;
        } else {
            restart = Math.floor(Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul));
            double sumOfPeriods = (1.0 - Math.pow(tMul, restart)) / (1.0 - tMul);
            fraction = (fraction - sumOfPeriods) / Math.pow(tMul, restart);
        }
        double cosine = 0.5 * Math.pow(mMul, restart) * (1.0 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return "CosineDecayRestarts";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("initial_learning_rate", initialLearningRate);
        config.put("first_decay_steps", firstDecaySteps);
        config.put("t_mul", tMul);
        config.put("m_mul", mMul);
        config.put("alpha", alpha);
        return config;
    }
}
