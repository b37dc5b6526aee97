package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.constraint.Constraint;
import dev.lamina.core.constraint.Constraints;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.Initializers;
import dev.lamina.core.regularizer.Regularizer;
import dev.lamina.core.regularizer.Regularizers;
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
 * new Dense(64, "relu").kernelRegularizer(Regularizers.l2(1e-4)).kernelConstraint(new MaxNorm(3.0, 0));
 * }</pre>
 *
 * <p>Regularizers add {@code penalty(kernel)} and {@code penalty(bias)} to the training loss (and to the loss
 * {@code fit} reports and {@code evaluate} returns), and {@code penalty(output) / batchSize} for the activity
 * regularizer, as Keras 3 does; constraints project the kernel and bias after each optimizer step.
 */
public final class Dense extends Layer {

    private final int units;
    private final ActivationFunction activation;
    private long declaredInputSize;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;

    private INDArray kernel;
    private INDArray bias;
    private INDArray kernelGradient;
    private INDArray biasGradient;

    private ModelWeights owner;
    private int offset;

    // training state: buffers reused across batches of the same size, and what the backward pass needs
    private final TrainingBuffers preActivations = new TrainingBuffers();
    private final TrainingBuffers inputGradients = new TrainingBuffers();
    private final SparseProduct sparseProduct = new SparseProduct();
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

    /** Keras's {@code kernel_regularizer} (null for none). */
    public Dense kernelRegularizer(Regularizer regularizer) {
        checkNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** The kernel regularizer by Keras name ({@code "l2"}: 0.01), with Keras's defaults. */
    public Dense kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code bias_regularizer} (null for none). */
    public Dense biasRegularizer(Regularizer regularizer) {
        checkNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /** The bias regularizer by Keras name. */
    public Dense biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code activity_regularizer}: a penalty on the layer's output, divided by the batch size. */
    public Dense activityRegularizer(Regularizer regularizer) {
        checkNotBuilt("activityRegularizer");
        setActivityRegularizer(regularizer);
        return this;
    }

    /** The activity regularizer by Keras name. */
    public Dense activityRegularizer(String name) {
        return activityRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code kernel_constraint} (null for none). */
    public Dense kernelConstraint(Constraint constraint) {
        checkNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** The kernel constraint by Keras name ({@code "max_norm"}, ...), with Keras's defaults. */
    public Dense kernelConstraint(String name) {
        return kernelConstraint(Constraints.get(name));
    }

    /** Keras's {@code bias_constraint} (null for none). */
    public Dense biasConstraint(Constraint constraint) {
        checkNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return this;
    }

    /** The bias constraint by Keras name. */
    public Dense biasConstraint(String name) {
        return biasConstraint(Constraints.get(name));
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    public Constraint biasConstraint() {
        return biasConstraint;
    }

    @Override
    public Dense trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    /** Names the layer (otherwise the model names it {@code dense}, {@code dense_1}, ...). */
    public Dense name(String name) {
        setName(name);
        return this;
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
    @Override
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
    void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset) {
        kernel = views.get(0);
        kernelGradient = gradients.get(0);
        if (useBias) {
            bias = views.get(1);
            biasGradient = gradients.get(1);
        }
        this.owner = owner;
        this.offset = offset;
        preActivations.clear();
        inputGradients.clear();
        sparseProduct.gradientOverwritten();
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        int rows = (int) input.rows();
        if (input instanceof Batch.Sparse sparse) {
            if (training) {
                lastSparseInput = sparse.x();
                lastInput = null;
            }
            float[] z = SparseProduct.multiply(sparse.x(), owner.host(), offset, useBias ? biasOffset() : -1, units);
            INDArray out = training ? preActivations.forRows(rows, units, kernel.dataType())
                    : Nd4j.createUninitialized(kernel.dataType(), rows, units);
            HostFloats.buffer(out).put(0, z, 0, z.length);
            return new Batch.Dense(out);
        }
        INDArray x = ((Batch.Dense) input).x();
        INDArray z = training ? preActivations.forRows(rows, units, kernel.dataType())
                : Nd4j.createUninitialized(kernel.dataType(), rows, units);
        Gemm.multiply(x, kernel, z, false, false);
        if (useBias) {
            z.addiRowVector(bias);
        }
        if (training) {
            lastInput = x;
            lastSparseInput = null;
        }
        return new Batch.Dense(z);
    }

    @Override
    boolean computesInFloat() {
        return kernel.dataType() == DataType.FLOAT;
    }

    @Override
    ModelWeights weightsOwner() {
        return owner;
    }

    private int biasOffset() {
        return offset + (int) (inputSize() * units);
    }

    /** {@code x @ kernel + bias} for a few rows in Java, skipping zero inputs (one-hot and multi-hot rows). */
    @Override
    void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch) {
        float[] w = owner.host();
        int columns = (int) inputSize();
        float[] row = scratch.row(units);
        float[] sum = scratch.sum(units);
        for (int r = 0; r < rows; r++) {
            if (useBias) {
                System.arraycopy(w, biasOffset(), sum, 0, units);
            } else {
                Arrays.fill(sum, 0, units, 0f);
            }
            int from = xFrom + r * columns;
            for (int c = 0; c < columns; c++) {
                float v = x[from + c];
                if (v != 0f) {
                    SparseKernels.addScaledRow(v, w, offset + c * units, row, sum, units);
                }
            }
            System.arraycopy(sum, 0, z, r * units, units);
        }
    }

    /**
     * {@code x @ kernel + bias} in Java for {@code rows} sparse rows ({@link SparseRows}'s layout), into
     * {@code z[0, rows * units)}, allocating nothing.
     */
    void sparsePreActivationInJava(int[] offsets, int[] columns, float[] values, int rows, float[] z,
                                   InferenceScratch scratch) {
        float[] w = owner.host();
        SparseKernels.gatherRows(offsets, columns, values, w, offset, units, z, 0, rows, scratch.row(units),
                scratch.sum(units));
        if (useBias) {
            SparseKernels.addBias(z, 0, rows, w, biasOffset(), units);
        }
    }

    @Override
    double regularizationLoss() {
        if (!trainable()) {
            return 0; // Keras regularizes trainable weights only
        }
        double loss = kernelRegularizer == null ? 0 : kernelRegularizer.penalty(kernel);
        return loss + (biasRegularizer == null || !useBias ? 0 : biasRegularizer.penalty(bias));
    }

    @Override
    void applyConstraints(float[] hostCopy) {
        if (!trainable()) {
            return; // Keras's optimizer constrains its trainable variables only
        }
        if (kernelConstraint != null) {
            kernelConstraint.applyInPlace(kernel);
            copyToHost(0, kernel, hostCopy);
        }
        if (biasConstraint != null && useBias) {
            biasConstraint.applyInPlace(bias);
            copyToHost(1, bias, hostCopy);
        }
    }

    @Override
    INDArray backward(INDArray gradPre, boolean needInputGradient) {
        if (!trainable()) { // frozen: no weight gradients, only the input gradient
            return needInputGradient ? inputGradient(gradPre) : null;
        }
        INDArray gradInput = weightGradients(gradPre, needInputGradient);
        if (kernelRegularizer != null) {
            kernelRegularizer.addGradient(kernel, 1.0, kernelGradient);
            sparseProduct.gradientOverwritten(); // every kernel row has a gradient now: the next sparse batch rewrites
                                                 // them all, not only the rows it touches
        }
        if (biasRegularizer != null && useBias) {
            biasRegularizer.addGradient(bias, 1.0, biasGradient);
        }
        return gradInput;
    }

    private INDArray inputGradient(INDArray gradPre) {
        if (lastSparseInput != null) {
            throw new IllegalStateException("Dense '" + name() + "': no input gradient for sparse input");
        }
        INDArray gradInput = inputGradients.forRows(gradPre.size(0), inputSize(), kernel.dataType());
        Gemm.multiply(gradPre, kernel, gradInput, false, true);
        return gradInput;
    }

    private INDArray weightGradients(INDArray gradPre, boolean needInputGradient) {
        if (lastSparseInput != null) {
            float[] biasSums = sparseProduct.gradient(lastSparseInput, HostFloats.of(gradPre), units, kernelGradient);
            if (useBias) {
                HostFloats.buffer(biasGradient).put(0, biasSums, 0, units);
            }
            if (needInputGradient) {
                throw new IllegalStateException("Dense '" + name() + "': no input gradient for sparse input");
            }
            return null;
        }
        Gemm.multiply(lastInput, gradPre, kernelGradient, true, false);
        sparseProduct.gradientOverwritten();
        if (useBias) {
            gradPre.sum(biasGradient, 0);
        }
        return needInputGradient ? inputGradient(gradPre) : null;
    }

    @Override
    public String toString() {
        return "Dense[" + name() + ", units=" + units + ", activation=" + activation.name() + "]";
    }
}
