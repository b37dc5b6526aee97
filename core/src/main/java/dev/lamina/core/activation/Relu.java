package dev.lamina.core.activation;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code relu(x, alpha, max_value, threshold)}.
 *
 * <p>As in {@code keras/src/activations/activations.py}: {@code pos = x * (x > threshold)} ({@code max(x, 0)} when the
 * threshold is 0); if {@code maxValue} is finite, {@code pos = clip(pos, 0, maxValue)}; if {@code alpha != 0},
 * {@code out = pos - alpha * relu(threshold - x)}. Unbounded is {@link Double#POSITIVE_INFINITY}. Derivative
 * conventions follow TensorFlow: 0 at the threshold, 0 at and above {@code maxValue}, {@code alpha} at 0 for the
 * leaky case.
 *
 * <pre>{@code
 * new Dense(32, new Relu(0.1, 6.0, 0.0));
 * }</pre>
 *
 * @param alpha     slope below the threshold (Keras 3 calls it {@code negative_slope}); default 0
 * @param maxValue  saturation value, {@code +inf} for none; default {@code +inf}
 * @param threshold values at or below it are cut; default 0
 */
public record Relu(double alpha, double maxValue, double threshold) implements ElementwiseActivation {

    /** The plain rectifier {@code max(x, 0)}. */
    public Relu() {
        this(0.0, Double.POSITIVE_INFINITY, 0.0);
    }

    public Relu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("relu: alpha must be finite. Received: alpha=" + alpha);
        }
        if (Double.isNaN(maxValue) || maxValue < 0) {
            throw new IllegalArgumentException("relu: max_value must be >= 0 (or +inf for none). Received: max_value="
                    + maxValue);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("relu: threshold must be finite. Received: threshold=" + threshold);
        }
    }

    @Override
    public String name() {
        return "relu";
    }

    private boolean isPlain() {
        return alpha == 0.0 && threshold == 0.0 && maxValue == Double.POSITIVE_INFINITY;
    }

    private boolean isLeaky() {
        return alpha != 0.0 && threshold == 0.0 && maxValue == Double.POSITIVE_INFINITY;
    }

    @Override
    public INDArray apply(INDArray x) {
        return applyInto(x, x.ulike());
    }

    @Override
    public INDArray applyInto(INDArray x, INDArray out) {
        if (isPlain()) {
            Nd4j.exec(new RectifiedLinear(x, out, 0.0));
            return out;
        }
        if (isLeaky()) {
            return out.assign(Transforms.leakyRelu(x, alpha, true));
        }
        INDArray pos = threshold != 0.0 ? x.mul(Masks.greaterThan(x, threshold)) : Transforms.relu(x, true);
        if (maxValue != Double.POSITIVE_INFINITY) {
            Transforms.min(pos, maxValue, false);
            Transforms.max(pos, 0.0, false);
        }
        if (alpha != 0.0) {
            INDArray negative = Transforms.relu(x.rsub(threshold), false);
            pos.subi(negative.muli(alpha));
        }
        return out.assign(pos);
    }

    @Override
    public INDArray derivative(INDArray x) {
        if (isLeaky()) {
            return new LeakyRelu(alpha).derivative(x); // Keras delegates this case to leaky_relu: f'(0) = alpha
        }
        INDArray slope = Masks.greaterThan(x, threshold);
        if (maxValue != Double.POSITIVE_INFINITY) {
            slope.muli(Masks.lessThan(x, maxValue));
            if (threshold < 0.0) {
                slope.muli(Masks.lessThan(x, 0.0).rsubi(1.0)); // the clip at 0 cuts thr < x < 0
            }
        }
        if (alpha != 0.0) {
            slope.addi(Masks.lessThan(x, threshold).muli(alpha));
        }
        return slope;
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        if (!isPlain()) {
            return ElementwiseActivation.super.backprop(x, y, gradOutput);
        }
        if (x.dataType() == DataType.FLOAT && FastPaths.elementwiseInJava(x.length()) && gradOutput.length() == x.length()) {
            // a batch's few thousand values: one Java pass instead of two ND4J ops (~25 us each in per-op overhead)
            float[] input = HostFloats.of(x);
            float[] gradient = HostFloats.of(gradOutput);
            for (int i = 0; i < input.length; i++) {
                gradient[i] = input[i] > 0f ? gradient[i] : 0f;
            }
            return Nd4j.create(gradient, x.shape(), 'c');
        }
        // step(x) is 1 where x > 0 (so relu'(0) = 0): a legacy transform, much cheaper than relu_bp
        return Transforms.step(x, true).muli(gradOutput);
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("alpha", alpha);
        config.put("max_value", maxValue == Double.POSITIVE_INFINITY ? null : maxValue);
        config.put("threshold", threshold);
        return config;
    }
}
