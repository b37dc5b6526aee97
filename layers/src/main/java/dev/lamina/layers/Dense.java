package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.Initializers;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Dense}: {@code output = activation(input @ kernel + bias)}, with a kernel of shape
 * {@code [inputSize, units]} (default initializer {@code glorot_uniform}) and a bias of shape {@code [units]}
 * (default {@code zeros}).
 *
 * <pre>{@code
 * new Dense(16, "relu", 10000);                                  // units, activation, input dimension
 * new Dense(64, "selu").kernelInitializer("lecun_normal");      // the SELU advice
 * new Dense(1);                                                  // linear
 * }</pre>
 */
public final class Dense extends Layer {

    private final int units;
    private final ActivationFunction activation;
    private long declaredInputSize;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");

    private INDArray kernel;
    private INDArray bias;
    private INDArray kernelGradient;
    private INDArray biasGradient;

    // training state: buffers reused across batches of the same size
    private final TrainingBuffers buffers = new TrainingBuffers();
    private final HostScratch hostScratch = new HostScratch();
    private INDArray lastInput;
    private SparseRows lastSparseInput;

    /** A linear layer with {@code units} outputs. */
    public Dense(int units) {
        this(units, new Linear());
    }

    /** A layer with a built-in or registered activation, by name. */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    /** A layer with an activation object (built-in or custom). */
    public Dense(int units, ActivationFunction activation) {
        this(units, activation, -1);
    }

    /** A first layer: activation by name and the input dimension. */
    public Dense(int units, String activation, long inputDim) {
        this(units, Activations.get(activation), inputDim);
    }

    /** A first layer: activation object and the input dimension ({@code -1} to infer it). */
    public Dense(int units, ActivationFunction activation, long inputDim) {
        super(null);
        if (units <= 0) {
            throw new IllegalArgumentException("Dense expects units > 0. Received: units=" + units);
        }
        if (inputDim == 0 || inputDim < -1) {
            throw new IllegalArgumentException("Dense expects inputDim > 0 (or -1 to infer it). Received: inputDim="
                    + inputDim);
        }
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation is null: use new Dense(units) for linear");
        this.declaredInputSize = inputDim;
    }

    /** Declares the input dimension (Keras's {@code input_dim}). */
    public Dense inputDim(long inputDim) {
        checkNotBuilt("inputDim");
        if (inputDim <= 0) {
            throw new IllegalArgumentException("Dense expects inputDim > 0. Received: inputDim=" + inputDim);
        }
        this.declaredInputSize = inputDim;
        return this;
    }

    /** Sets the kernel initializer by Keras name. */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** Sets the kernel initializer. */
    public Dense kernelInitializer(Initializer initializer) {
        checkNotBuilt("kernelInitializer");
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Sets the bias initializer by Keras name. */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** Sets the bias initializer. */
    public Dense biasInitializer(Initializer initializer) {
        checkNotBuilt("biasInitializer");
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean useBias) {
        checkNotBuilt("useBias");
        this.useBias = useBias;
        return this;
    }

    /** Names the layer (otherwise the model names it {@code dense}, {@code dense_1}, ...). */
    public Dense name(String name) {
        checkNotBuilt("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A layer name must be non-blank");
        }
        assignName(name);
        return this;
    }

    private void checkNotBuilt(String what) {
        if (isBuilt()) {
            throw new IllegalStateException("Dense '" + name() + "' is already built; set " + what
                    + " before adding it to a model.");
        }
    }

    public int units() {
        return units;
    }

    public boolean usesBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The declared input dimension, or -1 if it is inferred. */
    public long declaredInputSize() {
        return declaredInputSize;
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    public long outputSize() {
        return units;
    }

    @Override
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        if (declaredInputSize > 0 && declaredInputSize != inputSize) {
            throw new IllegalArgumentException("Dense '" + name() + "' was declared with inputDim=" + declaredInputSize
                    + " but receives " + inputSize + " columns from the previous layer.");
        }
        long parameters = inputSize * units;
        if (parameters > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Dense '" + name() + "' would have " + parameters
                    + " kernel weights, more than one array can hold.");
        }
        kernel = Nd4j.create(kernelInitializer.sample(inputSize, units, random), new long[] {inputSize, units}, 'c')
                .castTo(dataType);
        kernelGradient = kernel.ulike();
        if (useBias) {
            bias = Nd4j.create(biasInitializer.sample(1, units, random), new long[] {units}, 'c').castTo(dataType);
            biasGradient = bias.ulike();
        }
    }

    @Override
    public List<INDArray> weights() {
        if (!isBuilt()) {
            return List.of();
        }
        return useBias ? List.of(kernel, bias) : List.of(kernel);
    }

    @Override
    public List<String> weightNames() {
        return useBias ? List.of("kernel", "bias") : List.of("kernel");
    }

    /** The kernel, {@code [inputSize, units]} (a live view: do not modify). */
    public INDArray kernel() {
        return kernel;
    }

    /** The bias, {@code [units]}, or null without bias (a live view: do not modify). */
    public INDArray bias() {
        return bias;
    }

    @Override
    void bind(List<INDArray> views, List<INDArray> gradients) {
        kernel = views.get(0);
        kernelGradient = gradients.get(0);
        if (useBias) {
            bias = views.get(1);
            biasGradient = gradients.get(1);
        }
        buffers.clear();
    }

    private void checkInput(long columns, long[] shape) {
        if (columns != inputSize()) {
            throw new IllegalArgumentException("Dense '" + name() + "' expects " + inputSize()
                    + " input columns, got " + Arrays.toString(shape) + ".");
        }
    }

    @Override
    public INDArray call(INDArray input) {
        INDArray z = callPreActivation(input);
        return activation.applyInto(z, z);
    }

    @Override
    public INDArray callPreActivation(INDArray input) {
        checkInput(input.size(1), input.shape());
        INDArray z = Nd4j.createUninitialized(kernel.dataType(), input.size(0), units);
        Nd4j.gemm(input, kernel, z, false, false, 1.0, 0.0);
        if (useBias) {
            z.addiRowVector(bias);
        }
        return z;
    }

    /** Inference on sparse rows: the sum of the selected kernel rows (times their values), then bias and activation. */
    public INDArray call(SparseRows input) {
        INDArray z = callPreActivation(input);
        return activation.applyInto(z, z);
    }

    /** The pre-activation for sparse rows, as a new array. */
    public INDArray callPreActivation(SparseRows input) {
        checkInput(input.columns(), new long[] {input.rows(), input.columns()});
        INDArray z = Nd4j.createUninitialized(kernel.dataType(), input.rows(), units);
        input.multiply(kernel, bias, z, new HostScratch()); // inference may run on many threads: no shared scratch
        return z;
    }

    @Override
    INDArray forward(INDArray input) {
        checkInput(input.size(1), input.shape());
        lastInput = input;
        lastSparseInput = null;
        TrainingBuffers.Set set = buffers.forRows(input.size(0), units, kernel.dataType());
        Nd4j.gemm(input, kernel, set.preActivation(), false, false, 1.0, 0.0);
        if (useBias) {
            set.preActivation().addiRowVector(bias);
        }
        return finishForward(set);
    }

    /** Training forward pass on sparse rows (the first layer of a bag-of-words model). */
    INDArray forward(SparseRows input) {
        checkInput(input.columns(), new long[] {input.rows(), input.columns()});
        lastSparseInput = input;
        lastInput = null;
        TrainingBuffers.Set set = buffers.forRows(input.rows(), units, kernel.dataType());
        input.multiply(kernel, bias, set.preActivation(), hostScratch); // adds the bias too
        return finishForward(set);
    }

    private INDArray finishForward(TrainingBuffers.Set set) {
        if (activation instanceof Linear) {
            return set.preActivation();
        }
        return activation.applyInto(set.preActivation(), set.output());
    }

    @Override
    INDArray preActivation() {
        return buffers.current().preActivation();
    }

    @Override
    INDArray backwardFromPreActivation(INDArray gradPre, boolean needInputGradient) {
        if (lastSparseInput != null) {
            lastSparseInput.transposeMultiply(gradPre, kernelGradient, biasGradient, hostScratch); // bias too
        } else {
            Nd4j.gemm(lastInput, gradPre, kernelGradient, true, false, 1.0, 0.0);
            if (useBias) {
                gradPre.sum(biasGradient, 0);
            }
        }
        if (!needInputGradient) {
            return null;
        }
        if (lastSparseInput != null) {
            throw new IllegalStateException("Dense '" + name() + "': no input gradient for sparse input");
        }
        INDArray gradInput = buffers.current().inputGradient(inputSize());
        Nd4j.gemm(gradPre, kernel, gradInput, false, true, 1.0, 0.0);
        return gradInput;
    }

    @Override
    public String toString() {
        return "Dense[" + name() + ", units=" + units + ", activation=" + activation.name() + "]";
    }
}
