package dev.lamina.layers;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code GaussianNoise(stddev, seed=None)}: in training adds noise drawn from {@code N(0, stddev^2)} to each
 * input; at inference it is the identity. As in {@code keras/src/layers/regularization/gaussian_noise.py},
 * {@code stddev} must lie in [0, 1]. See {@link NoiseLayer} for the seed.
 *
 * <pre>{@code
 * model.add(new GaussianNoise(0.1));
 * model.add(new Dense(16, "relu"));
 * }</pre>
 */
public final class GaussianNoise extends NoiseLayer {

    private final double stddev;

    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("GaussianNoise expects a stddev between 0 and 1 (Keras's limit). "
                    + "Received: stddev=" + stddev);
        }
        this.stddev = stddev;
    }

    /** Keras's {@code seed}: the noise comes from this seed instead of the model's; before adding the layer. */
    public GaussianNoise seed(long seed) {
        setSeed(seed);
        return this;
    }

    /** Names the layer (otherwise {@code gaussian_noise}, {@code gaussian_noise_1}, ...). */
    public GaussianNoise name(String name) {
        rename(name);
        return this;
    }

    public double stddev() {
        return stddev;
    }

    @Override
    public String className() {
        return "GaussianNoise";
    }

    @Override
    boolean active() {
        return stddev > 0;
    }

    @Override
    INDArray noisy(INDArray x, Random random) {
        return x.add(draw(x, () -> stddev * random.nextGaussian()));
    }

    @Override
    INDArray backwardNoisy(INDArray gradOutput) {
        return gradOutput; // additive noise: d(x + n)/dx = 1
    }

    @Override
    public String toString() {
        return "GaussianNoise[" + name() + ", stddev=" + stddev + "]";
    }
}
