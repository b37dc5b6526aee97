package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code Normalization(axis=-1, mean=None, variance=None, invert=False)} on {@code [n, features]} rows:
 * {@code output = (x - mean) / max(sqrt(variance), 1e-7)} per feature, or with {@code invert}
 * {@code mean + x * max(sqrt(variance), 1e-7)} (keras/src/layers/preprocessing/normalization.py, {@code call}, where
 * 1e-7 is {@code backend.epsilon()}).
 *
 * <p>Two ways to get the statistics, as in Keras:
 * <ul>
 *   <li>{@link #adapt(INDArray)} computes them from data (the mean and biased variance of each column) into the
 *       layer's three non-trainable weights {@code mean} ({@code [features]}, initially zeros), {@code variance}
 *       (initially ones) and {@code count} (a scalar that Keras 3 creates and leaves at 0 when adapting on an array;
 *       Lamina keeps it likewise, so that weight lists match Keras's);</li>
 *   <li>the constructor {@link #Normalization(double[], double[])} takes them as config values, which are then not
 *       weights (Keras writes them into the config as lists); one value broadcasts over every feature.</li>
 * </ul>
 * The layer has no trainable weights; {@code fit} passes gradients through it.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(trainingRows);                       // per-column mean and variance
 * Sequential model = new Sequential().add(norm).add(new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class Normalization extends Layer {

    private static final ActivationFunction IDENTITY = new Linear();
    /** Keras's {@code backend.epsilon()}, the least standard deviation divided by. */
    static final double EPSILON = 1e-7;

    private final double[] configMean;
    private final double[] configVariance;
    private boolean invert;
    private long declaredInputSize = -1;
    private double[] adaptedMean;
    private double[] adaptedVariance;

    private INDArray mean;
    private INDArray variance;
    private INDArray count;
    private INDArray lastDivisor;
    private DataType dataType = DataType.FLOAT;

    /** A layer whose statistics come from {@link #adapt(INDArray)} or from loaded weights. */
    public Normalization() {
        super(null);
        this.configMean = null;
        this.configVariance = null;
    }

    /**
     * A layer with fixed statistics (Keras's {@code mean=..., variance=...}): one value per feature, or one value for
     * every feature. These are config values, not weights.
     */
    public Normalization(double[] mean, double[] variance) {
        super(null);
        if (mean == null || variance == null) {
            throw new IllegalArgumentException("When setting values directly, both mean and variance must be set. "
                    + "Received: mean=" + Arrays.toString(mean) + " and variance=" + Arrays.toString(variance));
        }
        if (mean.length != variance.length || mean.length == 0) {
            throw new IllegalArgumentException("Normalization expects mean and variance of the same non-zero "
                    + "length. Received: " + mean.length + " and " + variance.length);
        }
        for (double v : variance) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Normalization expects finite variances >= 0. Received: "
                        + Arrays.toString(variance));
            }
        }
        this.configMean = mean.clone();
        this.configVariance = variance.clone();
        if (mean.length > 1) {
            this.declaredInputSize = mean.length;
        }
    }

    /** Keras's {@code invert}: maps normalized values back ({@code mean + x * std}); default false. */
    public Normalization invert(boolean invert) {
        checkNotBuilt("invert");
        this.invert = invert;
        return this;
    }

    /** Declares the input width, for a first layer. */
    public Normalization inputDim(long inputDim) {
        checkNotBuilt("inputDim");
        if (inputDim <= 0 || (declaredInputSize > 0 && inputDim != declaredInputSize)) {
            throw new IllegalArgumentException("Normalization expects inputDim > 0 matching its statistics ("
                    + declaredInputSize + "). Received: inputDim=" + inputDim);
        }
        this.declaredInputSize = inputDim;
        return this;
    }

    /** Names the layer (otherwise {@code normalization}, {@code normalization_1}, ...). */
    public Normalization name(String name) {
        setName(name);
        return this;
    }

    @Override
    public Normalization trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    /**
     * Keras's {@code adapt(data)} on an array {@code [n, features]}: the mean and the biased variance of each column
     * become the {@code mean} and {@code variance} weights (computed in float64). Before the layer is built this also
     * sets its input width; after, the width must match. Not for a layer given its statistics in the constructor.
     */
    public Normalization adapt(INDArray data) {
        if (configMean != null) {
            throw new IllegalStateException("Normalization '" + name() + "' was given mean and variance in its "
                    + "constructor; adapt() needs one built with new Normalization().");
        }
        if (data == null || data.rank() != 2 || data.size(0) == 0) {
            throw new IllegalArgumentException("Normalization.adapt expects rows [n, features] with n > 0. Received: "
                    + (data == null ? "null" : Arrays.toString(data.shape())));
        }
        long width = data.size(1);
        long expected = isBuilt() ? inputSize() : declaredInputSize;
        if (expected > 0 && width != expected) {
            throw new IllegalArgumentException("Normalization '" + name() + "' is built for " + expected
                    + " features, but adapt() received data of shape " + Arrays.toString(data.shape()) + ".");
        }
        INDArray values = data.castTo(DataType.DOUBLE);
        double[] m = values.mean(0).dup('c').data().asDouble();
        double[] v = values.var(false, 0).dup('c').data().asDouble();
        if (!isBuilt()) {
            declaredInputSize = width;
            adaptedMean = m;
            adaptedVariance = v;
            return this;
        }
        Runnable assign = () -> {
            mean.assign(Nd4j.create(m, new long[] {width}, 'c').castTo(mean.dataType()));
            variance.assign(Nd4j.create(v, new long[] {width}, 'c').castTo(variance.dataType()));
        };
        if (packedBy() == null) {
            assign.run();
        } else {
            packedBy().write(assign);
        }
        return this;
    }

    public boolean invert() {
        return invert;
    }

    /** The constructor's mean (Keras's config {@code mean}), or null when the statistics are weights. */
    public double[] configMean() {
        return configMean == null ? null : configMean.clone();
    }

    /** The constructor's variance (Keras's config {@code variance}), or null when the statistics are weights. */
    public double[] configVariance() {
        return configVariance == null ? null : configVariance.clone();
    }

    @Override
    public long declaredInputSize() {
        return declaredInputSize;
    }

    @Override
    public String className() {
        return "Normalization";
    }

    @Override
    public long outputSize() {
        return inputSize();
    }

    @Override
    public ActivationFunction activation() {
        return IDENTITY;
    }

    @Override
    boolean trainableWeight(int index) {
        return false;
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        if (declaredInputSize > 0 && declaredInputSize != inputSize) {
            throw new IllegalArgumentException("Normalization '" + name() + "' has statistics for "
                    + declaredInputSize + " features but receives " + inputSize + " columns from the previous layer.");
        }
        this.dataType = dataType;
        if (configMean != null) {
            return; // Keras: the statistics are config values, not weights
        }
        mean = adaptedMean != null ? Nd4j.create(adaptedMean, new long[] {inputSize}, 'c').castTo(dataType)
                : Nd4j.zeros(dataType, inputSize);
        variance = adaptedVariance != null ? Nd4j.create(adaptedVariance, new long[] {inputSize}, 'c').castTo(dataType)
                : Nd4j.ones(dataType, inputSize);
        count = Nd4j.scalar(dataType, 0.0);
        adaptedMean = null;
        adaptedVariance = null;
    }

    @Override
    public List<INDArray> weights() {
        return !isBuilt() || configMean != null ? List.of() : List.of(mean, variance, count);
    }

    @Override
    public List<String> weightNames() {
        return configMean != null ? List.of() : List.of("mean", "variance", "count");
    }

    /** The {@code mean} weight, or null when the statistics are config values (a live view: do not modify). */
    public INDArray mean() {
        return mean;
    }

    /** The {@code variance} weight, or null when the statistics are config values (a live view: do not modify). */
    public INDArray variance() {
        return variance;
    }

    /** The {@code count} weight (a scalar), or null when the statistics are config values. */
    public INDArray count() {
        return count;
    }

    @Override
    void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset) {
        if (configMean == null) {
            mean = views.get(0);
            variance = views.get(1);
            count = views.get(2);
        }
    }

    @Override
    ModelWeights weightsOwner() {
        return packedBy();
    }

    @Override
    boolean computesInFloat() {
        return dataType == DataType.FLOAT;
    }

    /** Feature {@code j}'s value of a statistic given in the config (one value stands for every feature). */
    private static double at(double[] values, int j) {
        return values.length == 1 ? values[0] : values[j];
    }

    /** {@code max(sqrt(variance), 1e-7)} in the computing precision, as Keras's {@code call}. */
    private static double divisor(double variance, boolean float32) {
        if (float32) {
            return Math.max((float) Math.sqrt((float) variance), (float) EPSILON);
        }
        return Math.max(Math.sqrt(variance), EPSILON);
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        INDArray x = Pass.nd4j(input);
        int width = (int) inputSize();
        DataType type = x.dataType();
        boolean float32 = type == DataType.FLOAT;
        double[] m = configMean != null ? configMean : mean.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] v = configVariance != null ? configVariance
                : variance.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] meanValues = new double[width];
        double[] divisors = new double[width];
        for (int j = 0; j < width; j++) {
            meanValues[j] = float32 ? (float) at(m, j) : at(m, j);
            divisors[j] = divisor(at(v, j), float32);
        }
        INDArray meanVector = Nd4j.create(meanValues, new long[] {width}, 'c').castTo(type);
        INDArray divisorVector = Nd4j.create(divisors, new long[] {width}, 'c').castTo(type);
        INDArray out = invert ? x.mulRowVector(divisorVector).addiRowVector(meanVector)
                : x.subRowVector(meanVector).diviRowVector(divisorVector);
        if (training) {
            lastDivisor = divisorVector;
        }
        return new Batch.Dense(out);
    }

    @Override
    void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch) {
        int width = (int) inputSize();
        float[] means = scratch.row(width);
        float[] divisors = scratch.sum(width);
        float[] host = configMean == null ? packedBy().host() : null;
        for (int j = 0; j < width; j++) {
            means[j] = host != null ? host[hostOffset(0) + j] : (float) at(configMean, j);
            divisors[j] = (float) divisor(host != null ? host[hostOffset(1) + j] : at(configVariance, j), true);
        }
        for (int r = 0; r < rows; r++) {
            int from = xFrom + r * width;
            for (int j = 0; j < width; j++) {
                z[r * width + j] = invert ? x[from + j] * divisors[j] + means[j]
                        : (x[from + j] - means[j]) / divisors[j];
            }
        }
    }

    /** The statistics are constants: {@code dx = dy / std}, or {@code dy * std} with {@code invert}. */
    @Override
    INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        return invert ? gradPreActivation.mulRowVector(lastDivisor) : gradPreActivation.divRowVector(lastDivisor);
    }

    @Override
    public String toString() {
        return "Normalization[" + name() + (invert ? ", invert" : "") + "]";
    }
}
