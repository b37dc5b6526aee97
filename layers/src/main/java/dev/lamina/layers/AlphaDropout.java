package dev.lamina.layers;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code AlphaDropout(rate, noise_shape=None, seed=None)}, the dropout that keeps selu's self-normalisation:
 * in training each input is kept with probability {@code 1 - rate} or set to selu's negative saturation
 * {@code alpha' = -scale * alpha}, then an affine correction keeps the mean and variance:
 * {@code a * (kept ? x : alpha') + b}, with {@code a = ((1 - rate) * (1 + rate * alpha'^2))^-0.5} and
 * {@code b = -a * alpha' * rate} ({@code keras/src/layers/regularization/alpha_dropout.py}). At inference it is the
 * identity. The rate lies in [0, 1) (Keras also takes 1, where {@code a} is infinite); {@code noise_shape} is not
 * supported (each input has its own mask). See {@link NoiseLayer} for the seed.
 *
 * <pre>{@code
 * model.add(new Dense(64, "selu", 100).kernelInitializer("lecun_normal"));
 * model.add(new AlphaDropout(0.1));
 * }</pre>
 */
public final class AlphaDropout extends NoiseLayer {

    /** selu's alpha and scale, as Keras writes them. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private final double rate;
    private INDArray keptScaled;

    public AlphaDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("AlphaDropout expects 0 <= rate < 1 (at 1 its correction "
                    + "((1 - rate) * (1 + rate * alpha'^2))^-0.5 is infinite). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** Keras's {@code seed}: the mask comes from this seed instead of the model's; before adding the layer. */
    public AlphaDropout seed(long seed) {
        setSeed(seed);
        return this;
    }

    /** Names the layer (otherwise {@code alpha_dropout}, {@code alpha_dropout_1}, ...). */
    public AlphaDropout name(String name) {
        rename(name);
        return this;
    }

    public double rate() {
        return rate;
    }

    @Override
    public String className() {
        return "AlphaDropout";
    }

    @Override
    boolean active() {
        return rate > 0;
    }

    /** Keras's affine correction {@code {a, b}} for {@code rate}. */
    static double[] correction(double rate) {
        double alphaP = -SELU_ALPHA * SELU_SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        return new double[] {a, -a * alphaP * rate};
    }

    /** The training output for {@code x} with the 0/1 mask {@code kept}: {@code a * (x kept, else alpha') + b}. */
    static INDArray apply(INDArray x, INDArray kept, double rate) {
        double[] ab = correction(rate);
        double alphaP = -SELU_ALPHA * SELU_SCALE;
        return x.mul(kept).addi(kept.rsub(1.0).muli(alphaP)).muli(ab[0]).addi(ab[1]);
    }

    @Override
    INDArray noisy(INDArray x, Random random) {
        INDArray kept = draw(x, () -> random.nextDouble() >= rate ? 1.0 : 0.0);
        keptScaled = kept.mul(correction(rate)[0]);
        return apply(x, kept, rate);
    }

    @Override
    INDArray backwardNoisy(INDArray gradOutput) {
        return gradOutput.mul(keptScaled); // d(a * x * kept + ...)/dx = a * kept
    }

    @Override
    public String toString() {
        return "AlphaDropout[" + name() + ", rate=" + rate + "]";
    }
}
