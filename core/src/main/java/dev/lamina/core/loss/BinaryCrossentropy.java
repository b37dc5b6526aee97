package dev.lamina.core.loss;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Sigmoid;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code binary_crossentropy}: {@code p = clip(yPred, 1e-7, 1 - 1e-7)},
 * {@code -(y log p + (1 - y) log(1 - p))}, averaged over the last axis. With {@code fromLogits} (or fused after a
 * sigmoid output) it uses the stable form {@code max(z, 0) - z y + log1p(exp(-|z|))}, whose gradient is
 * {@code sigmoid(z) - y}.
 *
 * <pre>{@code
 * model.compile("rmsprop", new BinaryCrossentropy(), "accuracy");
 * }</pre>
 *
 * @param fromLogits whether predictions are logits rather than probabilities (default false)
 */
public record BinaryCrossentropy(boolean fromLogits) implements Loss {

    /** Cross-entropy on probabilities. */
    public BinaryCrossentropy() {
        this(false);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("from_logits", fromLogits ? 1.0 : 0.0);
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        if (fromLogits) {
            return perSampleFromLogits(yPred, yTrue);
        }
        INDArray p = Transforms.min(Transforms.max(yPred, Epsilon.VALUE, true), 1.0 - Epsilon.VALUE, false);
        INDArray positive = Transforms.log(p, true).muli(yTrue);
        INDArray negative = Transforms.log(p.rsubi(1.0), false).muli(yTrue.rsub(1.0));
        return positive.addi(negative).negi().mean(1);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        if (fromLogits) {
            return gradientFromLogits(yPred, yTrue);
        }
        double columns = yPred.size(1);
        INDArray p = Transforms.min(Transforms.max(yPred, Epsilon.VALUE, true), 1.0 - Epsilon.VALUE, false);
        // the clip passes the gradient only where eps < yPred < 1 - eps, as TensorFlow's clip_by_value does
        INDArray inside = yPred.gt(Epsilon.VALUE).castTo(yPred.dataType())
                .muli(yPred.lt(1.0 - Epsilon.VALUE).castTo(yPred.dataType()));
        INDArray grad = yTrue.rsub(1.0).divi(p.rsub(1.0)).subi(yTrue.div(p));
        return grad.muli(inside).divi(columns);
    }

    @Override
    public boolean fusesWith(ActivationFunction outputActivation) {
        return !fromLogits && outputActivation instanceof Sigmoid;
    }

    @Override
    public INDArray perSampleFromLogits(INDArray logits, INDArray yTrue) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        return Transforms.relu(logits, true).subi(logits.mul(yTrue)).addi(tail).mean(1);
    }

    @Override
    public INDArray gradientFromLogits(INDArray logits, INDArray yTrue) {
        return Transforms.sigmoid(logits, true).subi(yTrue).divi(logits.size(1));
    }
}
