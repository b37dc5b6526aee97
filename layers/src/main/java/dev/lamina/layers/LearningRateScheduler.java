package dev.lamina.layers;

import java.io.PrintStream;
import java.util.Map;

/**
 * Keras's {@code LearningRateScheduler}: before each epoch sets the optimizer's learning rate to
 * {@code schedule(epoch, currentRate)}, and adds {@code learning_rate} to the epoch's logs (so {@link History} has
 * it), as {@code keras/src/callbacks/learning_rate_scheduler.py} does.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(20).callbacks(
 *         new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))));
 * }</pre>
 */
public final class LearningRateScheduler implements Callback {

    /** The learning rate for an epoch (numbered from 0), given the current one. */
    @FunctionalInterface
    public interface Schedule {
        double learningRate(int epoch, double currentRate);
    }

    private final Schedule schedule;
    private final PrintStream verboseOut;
    private Model model;

    /** A silent scheduler (Keras's {@code verbose=0}). */
    public LearningRateScheduler(Schedule schedule) {
        this(schedule, null);
    }

    /** Prints Keras's line for each change to {@code verboseOut} (Keras's {@code verbose=1}), or nothing if null. */
    public LearningRateScheduler(Schedule schedule, PrintStream verboseOut) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler needs a schedule");
        }
        this.schedule = schedule;
        this.verboseOut = verboseOut;
    }

    @Override
    public void onTrainBegin(Model model) {
        this.model = model;
    }

    @Override
    public void onEpochBegin(int epoch) {
        double rate = schedule.learningRate(epoch, model.optimizer().learningRate());
        if (!Double.isFinite(rate) || rate < 0) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + rate + " for epoch "
                    + epoch + "; a learning rate must be finite and >= 0.");
        }
        model.optimizer().setLearningRate(rate);
        if (verboseOut != null) {
            verboseOut.printf("%nEpoch %05d: LearningRateScheduler setting learning rate to %s.%n", epoch + 1, rate);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model.optimizer().learningRate());
    }
}
