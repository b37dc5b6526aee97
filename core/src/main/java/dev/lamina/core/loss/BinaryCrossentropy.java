package dev.lamina.core.loss;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Sigmoid;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code binary_crossentropy}: {@code p = clip(yPred, 1e-7, 1 - 1e-7)},
 * {@code -(y log p + (1 - y) log(1 - p))}, averaged over the last axis. With {@code fromLogits} (or fused after a
 * sigmoid output) it uses the stable form {@code max(z, 0) - z y + log1p(exp(-|z|))}, whose gradient is
 * {@code sigmoid(z) - y}. With {@code labelSmoothing} {@code s}, labels become {@code y (1 - s) + s / 2} first
 * (keras/src/losses/losses.py, {@code binary_crossentropy}).
 *
 * <pre>{@code
 * model.compile("rmsprop", new BinaryCrossentropy(), "accuracy");
 * }</pre>
 *
 * @param fromLogits whether predictions are logits rather than probabilities (default false)
 * @param labelSmoothing how far to squeeze the labels towards 0.5, in [0, 1] (default 0)
 */
public record BinaryCrossentropy(boolean fromLogits, double labelSmoothing) implements Loss {

    /** Cross-entropy on probabilities. */
    public BinaryCrossentropy() {
        this(false);
    }

    /** Cross-entropy without label smoothing. */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public BinaryCrossentropy {
        LabelSmoothing.check("binary_crossentropy", labelSmoothing);
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        // label_smoothing only when set, so that files of models without it stay as they were
        return labelSmoothing == 0 ? Map.of("from_logits", fromLogits ? 1.0 : 0.0)
                : Map.of("from_logits", fromLogits ? 1.0 : 0.0, "label_smoothing", labelSmoothing);
    }

    /** Keras's {@code y (1 - s) + 0.5 s}; the labels themselves when {@code s = 0}. */
    private INDArray smooth(INDArray yTrue) {
        return labelSmoothing == 0 ? yTrue : yTrue.mul(1.0 - labelSmoothing).addi(0.5 * labelSmoothing);
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray labels) {
        if (fromLogits) {
            return perSampleFromLogits(yPred, labels);
        }
        INDArray yTrue = smooth(labels);
        INDArray p = Transforms.min(Transforms.max(yPred, Epsilon.VALUE, true), 1.0 - Epsilon.VALUE, false);
        INDArray positive = Transforms.log(p, true).muli(yTrue);
        INDArray negative = Transforms.log(p.rsubi(1.0), false).muli(yTrue.rsub(1.0));
        return positive.addi(negative).negi().mean(1);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray labels) {
        if (fromLogits) {
            return gradientFromLogits(yPred, labels);
        }
        INDArray yTrue = smooth(labels);
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
    public INDArray perSampleFromLogits(INDArray logits, INDArray labels) {
        INDArray yTrue = smooth(labels);
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        return Transforms.relu(logits, true).subi(logits.mul(yTrue)).addi(tail).mean(1);
    }

    /**
     * For a float32 batch of up to 65,536 values, loss and gradient in one Java pass: ND4J's ~13 separate ops on such
     * small arrays cost ~170 us per training step in per-op overhead; the loop costs a few microseconds.
     */
    @Override
    public LogitsStep stepFromLogits(INDArray logits, INDArray labels) {
        if (logits.dataType() != DataType.FLOAT || !FastPaths.elementwiseInJava(logits.length())
                || labels.length() != logits.length()) {
            return Loss.super.stepFromLogits(logits, labels);
        }
        INDArray yTrue = smooth(labels);
        int rows = (int) logits.size(0);
        int columns = (int) logits.size(1);
        float[] z = HostFloats.of(logits);
        float[] y = HostFloats.of(yTrue);
        float[] loss = new float[rows];
        float[] gradient = new float[z.length];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                double zi = z[i];
                // max(z, 0) - z y + log1p(exp(-|z|)); gradient sigmoid(z) - y, both averaged over the columns
                sum += Math.max(zi, 0) - zi * y[i] + Math.log1p(Math.exp(-Math.abs(zi)));
                double sigmoid = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
                gradient[i] = (float) ((sigmoid - y[i]) / columns);
            }
            loss[r] = (float) (sum / columns);
        }
        return new LogitsStep(Nd4j.create(loss, new long[] {rows}, 'c'),
                Nd4j.create(gradient, new long[] {rows, columns}, 'c'));
    }

    @Override
    public INDArray gradientFromLogits(INDArray logits, INDArray labels) {
        INDArray yTrue = smooth(labels);
        return Transforms.sigmoid(logits, true).subi(yTrue).divi(logits.size(1));
    }
}
