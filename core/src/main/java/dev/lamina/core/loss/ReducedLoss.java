package dev.lamina.core.loss;

import dev.lamina.core.activation.ActivationFunction;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss with a {@link Reduction} other than Keras's default: the same per-sample values and gradients as the loss
 * it wraps ({@link Loss#withReduction}); only how the model reduces a batch differs.
 *
 * <pre>{@code
 * model.compile("sgd", Losses.get("mse").withReduction(Reduction.SUM));
 * }</pre>
 */
record ReducedLoss(Loss base, Reduction reduction) implements Loss {

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return base.perSample(yPred, yTrue);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return base.gradient(yPred, yTrue);
    }

    @Override
    public Map<String, Double> config() {
        return base.config();
    }

    @Override
    public boolean fusesWith(ActivationFunction outputActivation) {
        return base.fusesWith(outputActivation);
    }

    @Override
    public INDArray perSampleFromLogits(INDArray logits, INDArray yTrue) {
        return base.perSampleFromLogits(logits, yTrue);
    }

    @Override
    public INDArray gradientFromLogits(INDArray logits, INDArray yTrue) {
        return base.gradientFromLogits(logits, yTrue);
    }

    @Override
    public LogitsStep stepFromLogits(INDArray logits, INDArray yTrue) {
        return base.stepFromLogits(logits, yTrue);
    }

    @Override
    public long labelWidth(long outputUnits) {
        return base.labelWidth(outputUnits);
    }

    @Override
    public Loss unreduced() {
        return base;
    }
}
