package dev.lamina.core.schedule;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer's step count, as Keras's {@code LearningRateSchedule}: the
 * optimizer asks for {@code at(iterations)} before each update, {@code iterations} counting the updates already made
 * (0 for the first). Saved with the model as its Keras class name and config.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1).learningRateSchedule(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
public interface LearningRateSchedule {

    /** The learning rate for the update after {@code step} updates. */
    double at(long step);

    /** Keras's class name, e.g. {@code ExponentialDecay}. */
    String className();

    /** Keras's config keys and values (numbers, booleans, lists of numbers, or null). */
    Map<String, Object> config();
}
