package dev.lamina.core.activation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code log_softmax(x, axis=-1)}: {@code x - max - log(sum(exp(x - max)))} along {@code axis}.
 *
 * <p>Backward pass: {@code g - softmax(x) * sum(g, axis)}.
 *
 * <pre>{@code
 * INDArray logProbabilities = Activations.logSoftmax(logits);
 * }</pre>
 *
 * @param axis the normalised axis; negative counts from the last (default -1)
 */
public record LogSoftmax(int axis) implements ActivationFunction {

    /** Log-softmax over the last axis. */
    public LogSoftmax() {
        this(-1);
    }

    @Override
    public String name() {
        return "log_softmax";
    }

    @Override
    public INDArray apply(INDArray x) {
        int dim = Softmax.resolveAxis(name(), axis, x);
        INDArray shifted = x.sub(x.max(true, dim));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, dim), false);
        return shifted.subi(logSum);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        int dim = Softmax.resolveAxis(name(), axis, x);
        INDArray softmax = Transforms.exp(y, true);
        return gradOutput.sub(softmax.muli(gradOutput.sum(true, dim)));
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("axis", (double) axis);
    }
}
