package dev.lamina.core.constraint;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A projection applied to a weight after each optimizer step, as Keras 3's optimizer does ({@code variable.assign(
 * variable.constraint(variable))} in {@code BaseOptimizer.apply}, keras/src/optimizers/base_optimizer.py).
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelConstraint(new MaxNorm(3.0, 0));
 * }</pre>
 */
public interface Constraint {

    /** Keras's class name ({@code MaxNorm}, {@code NonNeg}, {@code UnitNorm}, {@code MinMaxNorm}). */
    String className();

    /** Keras's config ({@code {"max_value": 2.0, "axis": 0.0}}); empty for {@code NonNeg}. */
    Map<String, Double> config();

    /** Replaces the values of {@code weight} (a rank-1 or rank-2 array, possibly a view) by their projection. */
    void applyInPlace(INDArray weight);
}
