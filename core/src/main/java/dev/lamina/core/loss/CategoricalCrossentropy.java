package dev.lamina.core.loss;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Softmax;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code categorical_crossentropy} for one-hot (or soft) labels: predictions are normalised to sum 1 along
 * the last axis, clipped to [1e-7, 1 - 1e-7], and the loss is {@code -sum(y log p)}. With {@code fromLogits} (or
 * fused after a softmax output): {@code -sum(y * log_softmax(z))}, gradient {@code softmax(z) sum(y) - y}. With
 * {@code labelSmoothing} {@code s} over {@code K} classes, labels become {@code y (1 - s) + s / K} first
 * (keras/src/losses/losses.py, {@code categorical_crossentropy}).
 *
 * <pre>{@code
 * model.compile("adam", new CategoricalCrossentropy(), "accuracy");
 * }</pre>
 *
 * @param fromLogits whether predictions are logits (default false)
 * @param labelSmoothing how far to spread the labels towards uniform, in [0, 1] (default 0)
 */
public record CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) implements Loss {

    /** Cross-entropy on probabilities. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** Cross-entropy without label smoothing. */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public CategoricalCrossentropy {
        LabelSmoothing.check("categorical_crossentropy", labelSmoothing);
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        // label_smoothing only when set, so that files of models without it stay as they were
        return labelSmoothing == 0 ? Map.of("from_logits", fromLogits ? 1.0 : 0.0)
                : Map.of("from_logits", fromLogits ? 1.0 : 0.0, "label_smoothing", labelSmoothing);
    }

    /** Keras's {@code y (1 - s) + s / K}; the labels themselves when {@code s = 0}. */
    private INDArray smooth(INDArray yTrue) {
        return labelSmoothing == 0 ? yTrue
                : yTrue.mul(1.0 - labelSmoothing).addi(labelSmoothing / yTrue.size(1));
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray labels) {
        if (fromLogits) {
            return perSampleFromLogits(yPred, labels);
        }
        INDArray yTrue = smooth(labels);
        INDArray q = yPred.div(yPred.sum(true, 1));
        Transforms.min(Transforms.max(q, Epsilon.VALUE, false), 1.0 - Epsilon.VALUE, false);
        return Transforms.log(q, false).muli(yTrue).sum(1).negi();
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray labels) {
        if (fromLogits) {
            return gradientFromLogits(yPred, labels);
        }
        INDArray yTrue = smooth(labels);
        INDArray total = yPred.sum(true, 1);
        INDArray q = yPred.div(total);
        INDArray inside = q.gt(Epsilon.VALUE).castTo(q.dataType()).muli(q.lt(1.0 - Epsilon.VALUE)
                .castTo(q.dataType()));
        INDArray clipped = Transforms.min(Transforms.max(q, Epsilon.VALUE, true), 1.0 - Epsilon.VALUE, false);
        INDArray dq = yTrue.div(clipped).negi().muli(inside);
        // through the normalisation q = p / sum(p): dL/dp_k = (dL/dq_k - sum_j dL/dq_j q_j) / sum(p)
        INDArray projected = dq.mul(q).sum(true, 1);
        return dq.subi(projected).divi(total);
    }

    @Override
    public boolean fusesWith(ActivationFunction outputActivation) {
        return !fromLogits && outputActivation instanceof Softmax s && (s.axis() == -1 || s.axis() == 1);
    }

    @Override
    public INDArray perSampleFromLogits(INDArray logits, INDArray labels) {
        INDArray yTrue = smooth(labels);
        INDArray shifted = logits.sub(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subi(logSum).muli(yTrue).sum(1).negi();
    }

    @Override
    public INDArray gradientFromLogits(INDArray logits, INDArray labels) {
        INDArray yTrue = smooth(labels);
        INDArray softmax = Transforms.softmax(logits, true);
        return softmax.muli(yTrue.sum(true, 1)).subi(yTrue);
    }
}
