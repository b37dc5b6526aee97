package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one forward pass through a model's layers, and the backward pass beside it: used by {@code fit},
 * {@code evaluate}, validation and {@code predict}. Each layer computes its pre-activation; the pass applies the
 * layer's activation, keeps the last pre-activation (the logits a loss may start from), and at inference checks the
 * first layer's output for NaN or infinity (a non-finite input value always reaches it, at a fraction of the cost
 * of scanning the input).
 *
 * <pre>{@code
 * Pass.Result result = Pass.infer(model.layers(), new Batch.Dense(x), true);   // output and logits
 * Pass training = new Pass(model.layers());
 * INDArray output = training.forward(batch);
 * training.backward(gradientOfLogits, true);                                 // fills the weight gradients
 * }</pre>
 */
final class Pass {

    /** The output of a forward pass, and the last layer's pre-activation when it was asked for (else null). */
    record Result(INDArray output, INDArray logits) {
    }

    private final List<Layer> layers;
    private final TrainingBuffers[] outputs;
    private final INDArray[] preActivations;
    private final INDArray[] activations;

    /** A training pass over {@code layers}, with buffers for the activations it keeps for the backward pass. */
    Pass(List<Layer> layers) {
        this.layers = layers;
        this.outputs = new TrainingBuffers[layers.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = new TrainingBuffers();
        }
        this.preActivations = new INDArray[layers.size()];
        this.activations = new INDArray[layers.size()];
    }

    /** Inference on {@code input}: new arrays, only reads the weights (callers hold the model's read lock). */
    static Result infer(List<Layer> layers, Batch input, boolean keepLogits) {
        Batch h = input;
        if (input instanceof Batch.Dense dense && Batch.Host.suits(dense.rows(), dense.x().dataType())
                && layers.stream().allMatch(Layer::computesInFloat)) {
            h = new Batch.Host(HostFloats.of(dense.x()), (int) dense.rows(), (int) dense.columns());
        }
        Batch logits = null;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Batch z = layer.preActivation(h, false);
            if (i == 0) {
                NonFinite.requireFiniteOutput(z, input);
            }
            if (h != input) {
                release(h);
            }
            boolean last = i == layers.size() - 1;
            if (last && keepLogits) {
                logits = z;
                h = activate(layer.activation(), z.copy());
            } else {
                h = activate(layer.activation(), z);
            }
        }
        return new Result(nd4j(h), logits == null ? null : nd4j(logits)); // every layer returns a new batch
    }

    /** The training forward pass: returns the output (in a buffer of this pass, valid until the next call). */
    INDArray forward(Batch input) {
        Batch h = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            INDArray z = nd4j(layer.preActivation(h, true));
            ActivationFunction activation = layer.activation();
            INDArray out = activation instanceof Linear ? z
                    : activation.applyInto(z, outputs[i].forRows(z.size(0), z.size(1), z.dataType()));
            preActivations[i] = z;
            activations[i] = out;
            h = new Batch.Dense(out);
        }
        return activations[layers.size() - 1];
    }

    /** The last layer's pre-activation from the last {@link #forward} (the logits when a loss fuses them). */
    INDArray logits() {
        return preActivations[layers.size() - 1];
    }

    /**
     * The backward pass after {@link #forward}: from the loss gradient with respect to the output, or with respect
     * to the logits when {@code ofLogits}; each layer writes its weight gradients.
     */
    void backward(INDArray gradient, boolean ofLogits) {
        INDArray upstream = gradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            INDArray gradPre = i == layers.size() - 1 && ofLogits ? upstream
                    : layer.activation().backprop(preActivations[i], activations[i], upstream);
            upstream = layer.backward(gradPre, i > 0);
        }
    }

    /** Applies an activation at inference, in place where the batch allows it. */
    private static Batch activate(ActivationFunction activation, Batch z) {
        if (activation instanceof Linear) {
            return z;
        }
        if (z instanceof Batch.Host host) {
            return new Batch.Host(HostActivation.apply(activation, host.values(), host.height(), host.width()),
                    host.height(), host.width());
        }
        INDArray values = nd4j(z);
        return new Batch.Dense(activation.applyInto(values, values));
    }

    static INDArray nd4j(Batch batch) {
        if (batch instanceof Batch.Dense dense) {
            return dense.x();
        }
        if (batch instanceof Batch.Host host) {
            return host.toNd4j();
        }
        throw new IllegalStateException("Sparse rows are only an input of a first Dense layer");
    }

    /** Frees an intermediate result at once (ND4J frees off-heap memory only when the GC runs otherwise). */
    private static void release(Batch batch) {
        if (batch instanceof Batch.Dense dense && dense.x().closeable()) {
            dense.x().close();
        }
    }
}
