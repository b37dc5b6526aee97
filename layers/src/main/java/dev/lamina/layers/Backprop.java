package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Reduction;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss of one training batch and the gradient of every weight: the forward pass, the (sample-weighted) loss
 * reduced as the loss's {@link Reduction} says (the mean by default), and the backward pass from the loss gradient, which starts from the logits when the loss fuses with the
 * output activation (sigmoid or softmax with a cross-entropy, as Keras does).
 *
 * <pre>{@code
 * Backprop backprop = new Backprop(model);
 * Backprop.Result result = backprop.compute(batch, labels, null);   // gradients now in the model's flat buffer
 * }</pre>
 */
final class Backprop {

    /** The batch's mean loss and the model's output for it (owned by the pass). */
    record Result(double loss, INDArray output) {
    }

    private final Model model;
    private final Pass pass;

    Backprop(Model model) {
        this.model = model;
        this.pass = new Pass(model.layers());
    }

    /**
     * Fills the model's flat gradient for this batch, unless the loss is not finite (then the gradient is left as
     * it was and the result carries the loss).
     */
    Result compute(Batch x, INDArray y, INDArray sampleWeights) {
        List<Layer> layers = model.layers();
        Loss loss = model.loss();
        INDArray output = pass.forward(x);
        long rows = y.size(0);
        boolean fused = loss.fusesWith(layers.get(layers.size() - 1).activation());
        Loss.LogitsStep step = fused ? loss.stepFromLogits(pass.logits(), y) : null;
        INDArray perSample = (fused ? step.perSample() : loss.perSample(output, y)).reshape(rows, 1);
        if (sampleWeights != null) {
            perSample.muli(sampleWeights);
        }
        boolean byWeight = loss.reduction() == Reduction.MEAN_WITH_SAMPLE_WEIGHT && sampleWeights != null;
        double divisor = loss.reduction().divisor(rows, byWeight ? sum(sampleWeights) : Double.NaN);
        double meanLoss = divisor == 0 ? 0 : sum(perSample) / divisor; // Keras's divide_no_nan
        // Keras 3's compute_loss: the compiled loss plus every layer's losses (weight regularizers, activity)
        meanLoss += pass.activityLoss() + regularizationLoss(layers);
        if (!Double.isFinite(meanLoss)) {
            return new Result(meanLoss, output);
        }
        INDArray gradient = fused ? step.gradient() : loss.gradient(output, y);
        if (divisor == 0) {
            gradient.assign(0);
        } else {
            gradient.divi(divisor);
        }
        if (sampleWeights != null) {
            gradient.muliColumnVector(sampleWeights);
        }
        pass.backward(gradient, fused);
        return new Result(meanLoss, output);
    }

    /** The weight regularizers' penalties of every layer (Keras's weight part of {@code model.losses}). */
    static double regularizationLoss(List<Layer> layers) {
        double total = 0;
        for (Layer layer : layers) {
            total += layer.regularizationLoss();
        }
        return total;
    }

    /** The sum of a batch's losses: in Java for float32 (an ND4J reduction costs ~30 us, a batch's few hundred values far less). */
    private static double sum(INDArray values) {
        if (values.dataType() != DataType.FLOAT) {
            return values.sumNumber().doubleValue();
        }
        double total = 0;
        for (float value : HostFloats.of(values)) {
            total += value;
        }
        return total;
    }
}
