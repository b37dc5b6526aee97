package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.constraint.Constraint;
import dev.lamina.core.init.Initializer;
import dev.lamina.core.init.Initializers;
import dev.lamina.core.regularizer.Regularizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True)} on
 * {@code [n, features]} rows: {@code output = gamma * (x - mean) / sqrt(variance + epsilon) + beta}, per feature.
 *
 * <p>In training ({@code fit}, while the layer is trainable) {@code mean} and {@code variance} are the batch's mean and
 * biased variance, and the moving statistics follow them: {@code moving_mean = moving_mean * momentum + mean * (1 -
 * momentum)}, the same for {@code moving_variance} (keras/src/layers/normalization/batch_normalization.py,
 * {@code call}). At inference, and in training once the layer is frozen ({@link #trainable(boolean)} false, as Keras
 * 3 does), the moving statistics are used. The output is computed as JAX's {@code batch_normalization}:
 * {@code inv = gamma / sqrt(variance + epsilon)}, {@code output = x * inv + (beta - mean * inv)}.
 *
 * <p>Weights, in Keras's order: {@code gamma} (with {@code scale}; initializer {@code ones}), {@code beta} (with
 * {@code center}; {@code zeros}), both trainable, then the non-trainable {@code moving_mean} ({@code zeros}) and
 * {@code moving_variance} ({@code ones}). The moving statistics of a training batch are written at its optimizer
 * step (under the model's write lock), so predictions running meanwhile see consistent weights.
 *
 * <pre>{@code
 * model.add(new Dense(64, "linear", 100));
 * model.add(new BatchNormalization().momentum(0.9));
 * model.add(new Activation("relu"));
 * }</pre>
 */
public final class BatchNormalization extends Layer {

    private static final ActivationFunction IDENTITY = new Linear();

    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private long declaredInputSize = -1;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
    private Regularizer gammaRegularizer;
    private Regularizer betaRegularizer;
    private Constraint gammaConstraint;
    private Constraint betaConstraint;

    private INDArray gamma;
    private INDArray beta;
    private INDArray movingMean;
    private INDArray movingVariance;
    private INDArray gammaGradient;
    private INDArray betaGradient;

    // training state: what the backward pass needs, and the moving statistics waiting for the optimizer step
    private final TrainingBuffers outputs = new TrainingBuffers();
    private INDArray lastInput;
    private INDArray lastMean;
    private INDArray lastInverseStd;
    private INDArray lastScale;
    private boolean lastUsedBatchStatistics;
    private INDArray pendingMean;
    private INDArray pendingVariance;

    /** Keras's defaults: momentum 0.99, epsilon 1e-3, center and scale. */
    public BatchNormalization() {
        super(null);
    }

    /** Keras's {@code momentum} of the moving statistics (default 0.99), in [0, 1]. */
    public BatchNormalization momentum(double momentum) {
        checkNotBuilt("momentum");
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization expects 0 <= momentum <= 1. Received: momentum="
                    + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /** Keras's {@code epsilon}, added to the variance (default 1e-3), {@code > 0}. */
    public BatchNormalization epsilon(double epsilon) {
        checkNotBuilt("epsilon");
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("BatchNormalization expects a finite epsilon > 0. Received: epsilon="
                    + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to add {@code beta} (Keras's {@code center}, default true). */
    public BatchNormalization center(boolean center) {
        checkNotBuilt("center");
        this.center = center;
        return this;
    }

    /** Whether to multiply by {@code gamma} (Keras's {@code scale}, default true). */
    public BatchNormalization scale(boolean scale) {
        checkNotBuilt("scale");
        this.scale = scale;
        return this;
    }

    /** Declares the input width, for a first layer. */
    public BatchNormalization inputDim(long inputDim) {
        checkNotBuilt("inputDim");
        if (inputDim <= 0) {
            throw new IllegalArgumentException("BatchNormalization expects inputDim > 0. Received: inputDim="
                    + inputDim);
        }
        this.declaredInputSize = inputDim;
        return this;
    }

    /** Keras's {@code beta_initializer} by name (default {@code zeros}). */
    public BatchNormalization betaInitializer(String name) {
        return betaInitializer(Initializers.get(name));
    }

    /** Keras's {@code gamma_initializer} by name (default {@code ones}). */
    public BatchNormalization gammaInitializer(String name) {
        return gammaInitializer(Initializers.get(name));
    }

    /** Keras's {@code moving_mean_initializer} by name (default {@code zeros}). */
    public BatchNormalization movingMeanInitializer(String name) {
        return movingMeanInitializer(Initializers.get(name));
    }

    /** Keras's {@code moving_variance_initializer} by name (default {@code ones}). */
    public BatchNormalization movingVarianceInitializer(String name) {
        return movingVarianceInitializer(Initializers.get(name));
    }

    public BatchNormalization betaInitializer(Initializer initializer) {
        checkNotBuilt("betaInitializer");
        this.betaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    public BatchNormalization gammaInitializer(Initializer initializer) {
        checkNotBuilt("gammaInitializer");
        this.gammaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    public BatchNormalization movingMeanInitializer(Initializer initializer) {
        checkNotBuilt("movingMeanInitializer");
        this.movingMeanInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    public BatchNormalization movingVarianceInitializer(Initializer initializer) {
        checkNotBuilt("movingVarianceInitializer");
        this.movingVarianceInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** Keras's {@code gamma_regularizer} (null for none). */
    public BatchNormalization gammaRegularizer(Regularizer regularizer) {
        checkNotBuilt("gammaRegularizer");
        this.gammaRegularizer = regularizer;
        return this;
    }

    /** Keras's {@code beta_regularizer} (null for none). */
    public BatchNormalization betaRegularizer(Regularizer regularizer) {
        checkNotBuilt("betaRegularizer");
        this.betaRegularizer = regularizer;
        return this;
    }

    /** Keras's {@code gamma_constraint} (null for none). */
    public BatchNormalization gammaConstraint(Constraint constraint) {
        checkNotBuilt("gammaConstraint");
        this.gammaConstraint = constraint;
        return this;
    }

    /** Keras's {@code beta_constraint} (null for none). */
    public BatchNormalization betaConstraint(Constraint constraint) {
        checkNotBuilt("betaConstraint");
        this.betaConstraint = constraint;
        return this;
    }

    /** Names the layer (otherwise {@code batch_normalization}, {@code batch_normalization_1}, ...). */
    public BatchNormalization name(String name) {
        setName(name);
        return this;
    }

    @Override
    public BatchNormalization trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean center() {
        return center;
    }

    public boolean scale() {
        return scale;
    }

    public Initializer betaInitializer() {
        return betaInitializer;
    }

    public Initializer gammaInitializer() {
        return gammaInitializer;
    }

    public Initializer movingMeanInitializer() {
        return movingMeanInitializer;
    }

    public Initializer movingVarianceInitializer() {
        return movingVarianceInitializer;
    }

    public Regularizer gammaRegularizer() {
        return gammaRegularizer;
    }

    public Regularizer betaRegularizer() {
        return betaRegularizer;
    }

    public Constraint gammaConstraint() {
        return gammaConstraint;
    }

    public Constraint betaConstraint() {
        return betaConstraint;
    }

    /** {@code gamma}, or null without {@code scale} (a live view: do not modify). */
    public INDArray gamma() {
        return gamma;
    }

    /** {@code beta}, or null without {@code center} (a live view: do not modify). */
    public INDArray beta() {
        return beta;
    }

    /** The moving mean (a live view: do not modify). */
    public INDArray movingMean() {
        return movingMean;
    }

    /** The moving variance (a live view: do not modify). */
    public INDArray movingVariance() {
        return movingVariance;
    }

    @Override
    public long declaredInputSize() {
        return declaredInputSize;
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    @Override
    public long outputSize() {
        return inputSize();
    }

    @Override
    public ActivationFunction activation() {
        return IDENTITY;
    }

    private int trainableCount() {
        return (scale ? 1 : 0) + (center ? 1 : 0);
    }

    @Override
    boolean trainableWeight(int index) {
        return index < trainableCount();
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        if (declaredInputSize > 0 && declaredInputSize != inputSize) {
            throw new IllegalArgumentException("BatchNormalization '" + name() + "' was declared with inputDim="
                    + declaredInputSize + " but receives " + inputSize + " columns from the previous layer.");
        }
        gamma = scale ? vector(gammaInitializer, inputSize, random, dataType) : null;
        beta = center ? vector(betaInitializer, inputSize, random, dataType) : null;
        movingMean = vector(movingMeanInitializer, inputSize, random, dataType);
        movingVariance = vector(movingVarianceInitializer, inputSize, random, dataType);
        gammaGradient = scale ? gamma.ulike() : null;
        betaGradient = center ? beta.ulike() : null;
    }

    private static INDArray vector(Initializer initializer, long size, Random random, DataType dataType) {
        return Nd4j.create(initializer.sample(1, size, random), new long[] {size}, 'c').castTo(dataType);
    }

    @Override
    public List<INDArray> weights() {
        if (!isBuilt()) {
            return List.of();
        }
        List<INDArray> weights = new ArrayList<>(4);
        if (scale) {
            weights.add(gamma);
        }
        if (center) {
            weights.add(beta);
        }
        weights.add(movingMean);
        weights.add(movingVariance);
        return weights;
    }

    @Override
    public List<String> weightNames() {
        List<String> names = new ArrayList<>(4);
        if (scale) {
            names.add("gamma");
        }
        if (center) {
            names.add("beta");
        }
        names.add("moving_mean");
        names.add("moving_variance");
        return names;
    }

    @Override
    void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset) {
        int i = 0;
        if (scale) {
            gamma = views.get(i);
            gammaGradient = gradients.get(i++);
        }
        if (center) {
            beta = views.get(i);
            betaGradient = gradients.get(i++);
        }
        movingMean = views.get(i++);
        movingVariance = views.get(i);
        outputs.clear();
        pendingMean = null;
        pendingVariance = null;
    }

    @Override
    ModelWeights weightsOwner() {
        return packedBy();
    }

    @Override
    boolean computesInFloat() {
        return movingMean.dataType() == DataType.FLOAT;
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        INDArray x = Pass.nd4j(input);
        DataType type = movingMean.dataType();
        boolean batchStatistics = training && trainable(); // Keras 3: `if training and self.trainable`
        INDArray mean;
        INDArray variance;
        if (batchStatistics) {
            mean = x.mean(0).castTo(type);
            variance = x.var(false, 0).castTo(type); // biased, as ops.moments
            pendingMean = movingMean.mul(momentum).addi(mean.mul(1.0 - momentum));
            pendingVariance = movingVariance.mul(momentum).addi(variance.mul(1.0 - momentum));
        } else {
            mean = movingMean;
            variance = movingVariance;
        }
        int width = (int) inputSize();
        double[] inv = new double[width];
        double[] shift = new double[width];
        coefficients(values(mean), values(variance), scale ? values(gamma) : null, center ? values(beta) : null,
                type == DataType.FLOAT, inv, shift);
        INDArray invRow = Nd4j.create(inv, new long[] {width}, 'c').castTo(type);
        INDArray shiftRow = Nd4j.create(shift, new long[] {width}, 'c').castTo(type);
        INDArray out = training ? outputs.forRows(x.size(0), width, type)
                : Nd4j.createUninitialized(type, x.size(0), width);
        out.assign(x).muliRowVector(invRow).addiRowVector(shiftRow);
        if (training) {
            lastInput = x;
            lastUsedBatchStatistics = batchStatistics;
            lastScale = invRow;
            lastMean = mean;
            lastInverseStd = batchStatistics ? Nd4j.create(inverseStd(values(variance)), new long[] {width}, 'c')
                    .castTo(type) : null;
        }
        return new Batch.Dense(out);
    }

    private static double[] values(INDArray vector) {
        return vector.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private double[] inverseStd(double[] variance) {
        double[] inv = new double[variance.length];
        for (int j = 0; j < inv.length; j++) {
            inv[j] = 1.0 / Math.sqrt(variance[j] + epsilon);
        }
        return inv;
    }

    /**
     * JAX's {@code batch_normalization} coefficients (keras/src/backend/jax/nn.py): {@code inv = rsqrt(variance +
     * epsilon) * gamma}, {@code shift = -mean * inv + beta}, rounded as float32 arithmetic rounds them when
     * {@code float32}, so that the Java and ND4J paths give the same bits.
     */
    void coefficients(double[] mean, double[] variance, double[] gamma, double[] beta, boolean float32,
                      double[] inv, double[] shift) {
        float eps = (float) epsilon;
        for (int j = 0; j < mean.length; j++) {
            if (float32) {
                float r = (float) (1.0 / Math.sqrt((float) variance[j] + eps));
                float i = gamma == null ? r : r * (float) gamma[j];
                float s = -(float) mean[j] * i;
                inv[j] = i;
                shift[j] = beta == null ? s : s + (float) beta[j];
            } else {
                double i = 1.0 / Math.sqrt(variance[j] + epsilon);
                i = gamma == null ? i : i * gamma[j];
                inv[j] = i;
                shift[j] = -mean[j] * i + (beta == null ? 0 : beta[j]);
            }
        }
    }

    /** {@code x * inv + shift} from the moving statistics, for a few rows in Java, allocating nothing. */
    @Override
    void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch) {
        float[] w = packedBy().host();
        int width = (int) inputSize();
        float[] inv = scratch.row(width);
        float[] shift = scratch.sum(width);
        int mean = hostOffset(trainableCount());
        int variance = hostOffset(trainableCount() + 1);
        int gammaAt = scale ? hostOffset(0) : -1;
        int betaAt = center ? hostOffset(scale ? 1 : 0) : -1;
        float eps = (float) epsilon;
        for (int j = 0; j < width; j++) {
            float r = (float) (1.0 / Math.sqrt(w[variance + j] + eps));
            float i = gammaAt < 0 ? r : r * w[gammaAt + j];
            float s = -w[mean + j] * i;
            inv[j] = i;
            shift[j] = betaAt < 0 ? s : s + w[betaAt + j];
        }
        for (int r = 0; r < rows; r++) {
            int from = xFrom + r * width;
            for (int j = 0; j < width; j++) {
                z[r * width + j] = x[from + j] * inv[j] + shift[j];
            }
        }
    }

    /**
     * With batch statistics: {@code dbeta = sum(dy)}, {@code dgamma = sum(dy * xhat)} and
     * {@code dx = gamma * istd / n * (n * dy - dbeta - xhat * dgamma)}, where {@code xhat = (x - mean) * istd} and {@code istd = 1 / sqrt(variance +
     * epsilon)} (the batch mean and variance depend on x). With moving statistics (a frozen layer), {@code dx = dy *
     * inv}.
     */
    @Override
    INDArray backward(INDArray gradPre, boolean needInputGradient) {
        if (!lastUsedBatchStatistics) {
            return needInputGradient ? gradPre.mulRowVector(lastScale) : null;
        }
        long n = gradPre.size(0);
        INDArray xhat = lastInput.subRowVector(lastMean).muliRowVector(lastInverseStd);
        INDArray sumDy = gradPre.sum(0);
        INDArray sumDyXhat = gradPre.mul(xhat).sum(0);
        if (scale) {
            gammaGradient.assign(sumDyXhat);
            if (gammaRegularizer != null) {
                gammaRegularizer.addGradient(gamma, 1.0, gammaGradient);
            }
        }
        if (center) {
            betaGradient.assign(sumDy);
            if (betaRegularizer != null) {
                betaRegularizer.addGradient(beta, 1.0, betaGradient);
            }
        }
        if (!needInputGradient) {
            return null;
        }
        INDArray factor = lastInverseStd.div(n);
        if (scale) {
            factor.muli(gamma);
        }
        return gradPre.mul(n).subiRowVector(sumDy).subi(xhat.muliRowVector(sumDyXhat)).muliRowVector(factor);
    }

    @Override
    double regularizationLoss() {
        if (!trainable()) {
            return 0;
        }
        double loss = gammaRegularizer == null || !scale ? 0 : gammaRegularizer.penalty(gamma);
        return loss + (betaRegularizer == null || !center ? 0 : betaRegularizer.penalty(beta));
    }

    @Override
    void commitStatistics(float[] hostCopy) {
        if (pendingMean == null) {
            return;
        }
        movingMean.assign(pendingMean);
        movingVariance.assign(pendingVariance);
        copyToHost(trainableCount(), movingMean, hostCopy);
        copyToHost(trainableCount() + 1, movingVariance, hostCopy);
        pendingMean = null;
        pendingVariance = null;
    }

    @Override
    void applyConstraints(float[] hostCopy) {
        if (!trainable()) {
            return;
        }
        if (scale && gammaConstraint != null) {
            gammaConstraint.applyInPlace(gamma);
            copyToHost(0, gamma, hostCopy);
        }
        if (center && betaConstraint != null) {
            betaConstraint.applyInPlace(beta);
            copyToHost(scale ? 1 : 0, beta, hostCopy);
        }
    }

    @Override
    public String toString() {
        return "BatchNormalization[" + name() + ", momentum=" + momentum + ", epsilon=" + epsilon + "]";
    }
}
