package dev.lamina.core.loss;

import dev.lamina.core.activation.ActivationFunction;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training objective: a loss per sample and its gradient with respect to the prediction, as Keras defines them.
 * The model averages the per-sample losses over the batch (weighted by sample weights, divided by the batch size:
 * Keras's {@code sum_over_batch_size}, unless the loss has another {@link #reduction()}).
 *
 * <p>A loss may also <em>fuse</em> with the output activation (binary cross-entropy after a sigmoid, categorical
 * cross-entropy after a softmax): it then computes both from the pre-activation logits, which is what Keras does
 * with such outputs and is numerically stable.
 *
 * <pre>{@code
 * model.compile(new RMSprop(1e-3), new BinaryCrossentropy(), "accuracy");
 * }</pre>
 */
public interface Loss {

    /** Keras's snake_case name. */
    String name();

    /** The loss of each sample, shape {@code [n]}. */
    INDArray perSample(INDArray yPred, INDArray yTrue);

    /** {@code d perSample[i] / d yPred[i, j]}, shape of {@code yPred}. */
    INDArray gradient(INDArray yPred, INDArray yTrue);

    /** Parameters that, with {@link #name()}, rebuild this loss. */
    default Map<String, Double> config() {
        return Map.of();
    }

    /** Whether this loss can be computed from the logits of {@code outputActivation} (see the type's Javadoc). */
    default boolean fusesWith(ActivationFunction outputActivation) {
        return false;
    }

    /** The per-sample loss computed from the output layer's pre-activation {@code logits}. */
    default INDArray perSampleFromLogits(INDArray logits, INDArray yTrue) {
        throw new UnsupportedOperationException(name() + " does not fuse with an activation");
    }

    /** {@code d perSample / d logits}. */
    default INDArray gradientFromLogits(INDArray logits, INDArray yTrue) {
        throw new UnsupportedOperationException(name() + " does not fuse with an activation");
    }

    /** A batch's per-sample loss and its gradient with respect to the logits. */
    record LogitsStep(INDArray perSample, INDArray gradient) {
    }

    /**
     * {@link #perSampleFromLogits} and {@link #gradientFromLogits} together (one training step needs both);
     * implementations may compute them in one pass.
     */
    default LogitsStep stepFromLogits(INDArray logits, INDArray yTrue) {
        return new LogitsStep(perSampleFromLogits(logits, yTrue), gradientFromLogits(logits, yTrue));
    }

    /** The labels this loss expects for {@code outputUnits}, used for shape checks: the width of {@code yTrue}. */
    default long labelWidth(long outputUnits) {
        return outputUnits;
    }

    /** How the model reduces a batch of these losses; Keras's default is {@code sum_over_batch_size}. */
    default Reduction reduction() {
        return Reduction.SUM_OVER_BATCH_SIZE;
    }

    /** This loss with another {@link Reduction} (Keras's {@code reduction} argument). */
    default Loss withReduction(Reduction reduction) {
        Loss base = unreduced();
        return reduction == Reduction.SUM_OVER_BATCH_SIZE ? base : new ReducedLoss(base, reduction);
    }

    /** The loss itself, without a non-default reduction (what its type and parameters are). */
    default Loss unreduced() {
        return this;
    }
}
