package dev.lamina.layers;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code GaussianDropout(rate, seed=None)}: in training multiplies each input by noise drawn from
 * {@code N(1, rate / (1 - rate))} (standard deviation {@code sqrt(rate / (1 - rate))}, as in
 * {@code keras/src/layers/regularization/gaussian_dropout.py}); at inference it is the identity. The rate lies in
 * [0, 1): Keras also takes 1, whose noise has an infinite standard deviation. See {@link NoiseLayer} for the seed.
 *
 * <pre>{@code
 * model.add(new Dense(64, "relu", 100));
 * model.add(new GaussianDropout(0.2));
 * }</pre>
 */
public final class GaussianDropout extends NoiseLayer {

    private final double rate;
    private INDArray noise;

    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("GaussianDropout expects 0 <= rate < 1 (at 1 the noise's standard "
                    + "deviation sqrt(rate / (1 - rate)) is infinite). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** Keras's {@code seed}: the noise comes from this seed instead of the model's; before adding the layer. */
    public GaussianDropout seed(long seed) {
        setSeed(seed);
        return this;
    }

    /** Names the layer (otherwise {@code gaussian_dropout}, {@code gaussian_dropout_1}, ...). */
    public GaussianDropout name(String name) {
        rename(name);
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    public String className() {
        return "GaussianDropout";
    }

    @Override
    boolean active() {
        return rate > 0;
    }

    @Override
    INDArray noisy(INDArray x, Random random) {
        double stddev = Math.sqrt(rate / (1.0 - rate));
        noise = draw(x, () -> 1.0 + stddev * random.nextGaussian());
        return x.mul(noise);
    }

    @Override
    INDArray backwardNoisy(INDArray gradOutput) {
        return gradOutput.mul(noise);
    }

    @Override
    public String toString() {
        return "GaussianDropout[" + name() + ", rate=" + rate + "]";
    }
}
