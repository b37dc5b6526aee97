package dev.lamina.layers;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * The output of a forward pass, the last layer's pre-activation when it was asked for (else null), and the sum of
     * the layers' activity-regularizer penalties on this batch (each divided by the batch size, as Keras 3's
     * {@code Layer.__call__} does; 0 without activity regularizers).
     */
    record Result(INDArray output, INDArray logits, double activityLoss) {
    }

    private final List<Layer> layers;
    private final TrainingBuffers[] outputs;
    private final INDArray[] preActivations;
    private final INDArray[] activations;
    private double activityLoss;

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

    /** Most rows inference runs in Java: beyond a few rows, ND4J's gemm beats plain loops. */
    static final int MAX_JAVA_ROWS = 8;

    /** Inference on {@code input}: new arrays, only reads the weights (callers hold the model's read lock). */
    static Result infer(List<Layer> layers, Batch input, boolean keepLogits) {
        boolean activity = hasActivityRegularizer(layers);
        if (!activity && input.rows() <= MAX_JAVA_ROWS && runsInJava(layers)
                && (input instanceof Batch.Sparse || ((Batch.Dense) input).x().dataType() == DataType.FLOAT)) {
            return inferInJava(layers, input, keepLogits);
        }
        Batch h = input;
        Batch logits = null;
        double activityLoss = 0;
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
            if (activity && layer.activityRegularizer() != null) {
                activityLoss += layer.activityRegularizer().penalty(nd4j(h)) / input.rows();
            }
        }
        return new Result(nd4j(h), logits == null ? null : nd4j(logits), activityLoss); // each layer: a new batch
    }

    /** Whether a layer has an activity regularizer (its penalty needs each layer's output, so no Java path). */
    static boolean hasActivityRegularizer(List<Layer> layers) {
        for (Layer layer : layers) {
            if (layer.activityRegularizer() != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether inference on few rows of these layers can run in Java (float32 layers, fast paths on). */
    static boolean runsInJava(List<Layer> layers) {
        if (!FastPaths.enabled()) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).computesInFloat()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inference in Java on {@code rows} (at most {@link #MAX_JAVA_ROWS}) dense rows {@code x[xFrom, ...)}; returns the
     * scratch array whose first {@code rows * outputSize} values are the output, and writes the last pre-activation
     * to {@code logits} unless it is null. Allocates nothing.
     */
    static float[] inferInJava(List<Layer> layers, float[] x, int xFrom, int rows, float[] logits,
                               InferenceScratch scratch) {
        Layer first = layers.get(0);
        float[] z = scratch.layerOutput(0, rows * (int) first.outputSize());
        first.preActivationInJava(x, xFrom, rows, z, scratch);
        if (!NonFinite.finite(z, rows * (int) first.outputSize())) {
            long width = first.inputSize();
            float[] input = Arrays.copyOfRange(x, xFrom, xFrom + rows * (int) width);
            throw NonFinite.inputError(Nd4j.create(input, new long[] {rows, width}, 'c'), "predict");
        }
        return restInJava(layers, rows, z, logits, scratch);
    }

    /**
     * Inference in Java on {@code rows} sparse rows ({@link SparseRows}'s layout) through a first {@link Dense}
     * layer; as {@link #inferInJava}.
     */
    static float[] inferSparseInJava(List<Layer> layers, int[] offsets, int[] columns, float[] values, int rows,
                                     float[] logits, InferenceScratch scratch) {
        Dense first = (Dense) layers.get(0);
        float[] z = scratch.layerOutput(0, rows * (int) first.outputSize());
        first.sparsePreActivationInJava(offsets, columns, values, rows, z, scratch);
        if (!NonFinite.finite(z, rows * (int) first.outputSize())) {
            throw NonFinite.inputError(null, "predict");
        }
        return restInJava(layers, rows, z, logits, scratch);
    }

    /** Activates the first layer's pre-activation {@code z} and runs the other layers, each into scratch. */
    private static float[] restInJava(List<Layer> layers, int rows, float[] z, float[] logits,
                                      InferenceScratch scratch) {
        float[] h = z;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int width = (int) layer.outputSize();
            if (i > 0) {
                float[] next = scratch.layerOutput(i, rows * width);
                layer.preActivationInJava(h, 0, rows, next, scratch);
                h = next;
            }
            if (logits != null && i == layers.size() - 1) {
                System.arraycopy(h, 0, logits, 0, rows * width);
            }
            HostActivation.applyInPlace(layer.activation(), h, rows, width);
        }
        return h;
    }

    /** {@link #infer} in Java: the input copied into this thread's scratch, the results into new ND4J arrays. */
    private static Result inferInJava(List<Layer> layers, Batch input, boolean keepLogits) {
        int rows = (int) input.rows();
        int width = (int) layers.get(layers.size() - 1).outputSize();
        float[] logits = keepLogits ? new float[rows * width] : null;
        InferenceScratch scratch = InferenceScratch.borrow();
        try {
            float[] out;
            if (input instanceof Batch.Sparse sparse) {
                if (!(layers.get(0) instanceof Dense)) {
                    throw sparseInputError(layers.get(0));
                }
                SparseRows x = sparse.x();
                out = inferSparseInJava(layers, x.offsets(), x.columnIndices(), x.values(), rows, logits, scratch);
            } else {
                INDArray x = ((Batch.Dense) input).x();
                float[] values = scratch.input((int) x.length());
                HostFloats.copy(x, values);
                out = inferInJava(layers, values, 0, rows, logits, scratch);
            }
            return new Result(matrix(out, rows, width), logits == null ? null : matrix(logits, rows, width), 0);
        } finally {
            scratch.giveBack();
        }
    }

    private static INDArray matrix(float[] values, int rows, int columns) {
        INDArray matrix = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        HostFloats.buffer(matrix).put(0, values, 0, rows * columns);
        return matrix;
    }

    static IllegalArgumentException sparseInputError(Layer first) {
        return new IllegalArgumentException("Sparse rows are only an input of a first Dense layer; this model starts "
                + "with " + first + ". Pass dense rows (SparseRows.toDense()) or start the model with a Dense layer.");
    }

    /** The training forward pass: returns the output (in a buffer of this pass, valid until the next call). */
    INDArray forward(Batch input) {
        Batch h = input;
        activityLoss = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            INDArray z = nd4j(layer.preActivation(h, true));
            ActivationFunction activation = layer.activation();
            INDArray out = activation instanceof Linear ? z
                    : activation.applyInto(z, outputs[i].forRows(z.size(0), z.size(1), z.dataType()));
            preActivations[i] = z;
            activations[i] = out;
            if (layer.activityRegularizer() != null) {
                activityLoss += layer.activityRegularizer().penalty(out) / out.size(0);
            }
            h = new Batch.Dense(out);
        }
        return activations[layers.size() - 1];
    }

    /** The activity-regularizer penalties of the last {@link #forward} (see {@link Result#activityLoss()}). */
    double activityLoss() {
        return activityLoss;
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
            boolean fromLogits = i == layers.size() - 1 && ofLogits;
            INDArray activity = null;
            if (layer.activityRegularizer() != null) { // d(penalty(out) / n) / d(out)
                activity = Nd4j.zeros(activations[i].dataType(), activations[i].shape());
                layer.activityRegularizer().addGradient(activations[i], 1.0 / activations[i].size(0), activity);
                if (!fromLogits) {
                    upstream = upstream.add(activity);
                }
            }
            INDArray gradPre = fromLogits ? upstream
                    : layer.activation().backprop(preActivations[i], activations[i], upstream);
            if (fromLogits && activity != null) {
                gradPre = gradPre.add(layer.activation().backprop(preActivations[i], activations[i], activity));
            }
            upstream = layer.backward(gradPre, i > 0);
        }
    }

    /** Applies an activation at inference, in place. */
    private static Batch activate(ActivationFunction activation, Batch z) {
        if (activation instanceof Linear) {
            return z;
        }
        INDArray values = nd4j(z);
        return new Batch.Dense(activation.applyInto(values, values));
    }

    static INDArray nd4j(Batch batch) {
        if (batch instanceof Batch.Dense dense) {
            return dense.x();
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
