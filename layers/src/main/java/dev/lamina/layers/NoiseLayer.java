package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer that perturbs its input with random noise in training and is the identity at inference
 * ({@link GaussianNoise}, {@link GaussianDropout}, {@link AlphaDropout}). Its random source is drawn from the model's
 * seeded one when the layer is built, as {@link Dropout}'s is, or comes from the layer's own {@code seed} (Keras's
 * argument) when one is given; either way runs with the same seeds draw the same noise. The values differ from
 * Keras's, whose generators Lamina does not reproduce.
 *
 * <pre>{@code
 * model.add(new GaussianNoise(0.1).seed(7));   // the same noise in every run
 * }</pre>
 */
abstract class NoiseLayer extends WeightlessLayer {

    private static final ActivationFunction IDENTITY = new Linear();
    private Long seed;
    private Random random;

    /** Keras's {@code seed}, or null: the noise is then seeded from the model's seed. */
    public final Long seed() {
        return seed;
    }

    final void setSeed(long seed) {
        checkNotBuilt("its seed");
        this.seed = seed;
    }

    @Override
    public final ActivationFunction activation() {
        return IDENTITY;
    }

    @Override
    protected final void createWeights(long inputSize, Random modelRandom, DataType dataType) {
        long drawn = modelRandom.nextLong(); // drawn either way, so that a seed here leaves later layers' weights alone
        this.random = new Random(seed != null ? seed : drawn);
    }

    /** Whether training changes anything (a rate or standard deviation above 0). */
    abstract boolean active();

    /**
     * The training output for {@code x}, from {@code random}; keeps what {@link #backwardNoisy} needs. Called only
     * when {@link #active()}.
     */
    abstract INDArray noisy(INDArray x, Random random);

    /** The input gradient of the last {@link #noisy} output. */
    abstract INDArray backwardNoisy(INDArray gradOutput);

    @Override
    final Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        if (!training) {
            return input.copy();
        }
        if (!active()) {
            return input;
        }
        return new Batch.Dense(noisy(Pass.nd4j(input), random));
    }

    @Override
    final INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        return active() ? backwardNoisy(gradPreActivation) : gradPreActivation;
    }

    /** {@code rows x columns} values from {@code draw}, in the data type of {@code like}. */
    static INDArray draw(INDArray like, java.util.function.DoubleSupplier draw) {
        double[] values = new double[(int) like.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw.getAsDouble();
        }
        return Nd4j.create(values, like.shape(), 'c').castTo(like.dataType());
    }
}
