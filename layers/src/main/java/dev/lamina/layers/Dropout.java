package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Dropout(rate)}: during training, zeroes each input with probability {@code rate} and scales the
 * rest by {@code 1 / (1 - rate)}; at inference it is the identity.
 *
 * <pre>{@code
 * model.add(new Dense(64, "relu", 100));
 * model.add(new Dropout(0.5));
 * }</pre>
 */
public final class Dropout extends WeightlessLayer {

    private static final ActivationFunction IDENTITY = new Linear();
    private final double rate;
    private Random random;
    private INDArray mask;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout expects 0 <= rate < 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** Names the layer (otherwise {@code dropout}, {@code dropout_1}, ...). */
    public Dropout name(String name) {
        rename(name);
        return this;
    }

    /** Keras's {@code trainable} flag (no weights here, so it changes nothing but the saved config). */
    @Override
    public Dropout trainable(boolean trainable) {
        super.trainable(trainable);
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    public String className() {
        return "Dropout";
    }

    @Override
    public ActivationFunction activation() {
        return IDENTITY;
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        this.random = new Random(random.nextLong());
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        if (!training) {
            return input.copy();
        }
        INDArray x = Pass.nd4j(input);
        float[] keep = new float[(int) x.length()];
        float scale = (float) (1.0 / (1.0 - rate));
        for (int i = 0; i < keep.length; i++) {
            keep[i] = random.nextDouble() >= rate ? scale : 0f;
        }
        mask = Nd4j.create(keep, x.shape(), 'c').castTo(x.dataType());
        return new Batch.Dense(x.mul(mask));
    }

    @Override
    INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        return gradPreActivation.mul(mask);
    }

    @Override
    public String toString() {
        return "Dropout[" + name() + ", rate=" + rate + "]";
    }
}
