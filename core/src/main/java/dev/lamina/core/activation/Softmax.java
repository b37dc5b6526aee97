package dev.lamina.core.activation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code softmax(x, axis=-1)}: {@code exp(x - max) / sum(exp(x - max))} along {@code axis}, so that
 * {@code [1000, 1001, 1002]} gives {@code [0.090, 0.245, 0.665]} without overflow.
 *
 * <p>Not element-wise: its backward pass is the Jacobian-vector product {@code y * (g - sum(g * y, axis))}.
 *
 * <pre>{@code
 * new Dense(3, "softmax");
 * }</pre>
 *
 * @param axis the axis that sums to 1; negative counts from the last (default -1)
 */
public record Softmax(int axis) implements ActivationFunction {

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    @Override
    public String name() {
        return "softmax";
    }

    static int resolveAxis(String name, int axis, INDArray x) {
        int rank = x.rank();
        int resolved = axis < 0 ? rank + axis : axis;
        if (resolved < 0 || resolved >= rank) {
            throw new IllegalArgumentException(name + ": axis " + axis + " is out of range for an input of shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return resolved;
    }

    @Override
    public INDArray apply(INDArray x) {
        return applyInto(x, x.ulike());
    }

    @Override
    public INDArray applyInto(INDArray x, INDArray out) {
        int dim = resolveAxis(name(), axis, x);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(x, out, dim));
        return out;
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        int dim = resolveAxis(name(), axis, x);
        INDArray dot = gradOutput.mul(y).sum(true, dim);
        return gradOutput.sub(dot).muli(y);
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("axis", (double) axis);
    }
}
