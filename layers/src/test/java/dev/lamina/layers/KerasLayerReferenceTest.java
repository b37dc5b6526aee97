package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.ActivationFunction;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise layers against values Keras 3.15.1 printed for the same inputs, in float64
 * ({@code src/test/resources/keras-reference/element_layers.py}); input gradients against JAX's autodiff of Keras's
 * own {@code call}.
 */
class KerasLayerReferenceTest {

    private static final KerasReference KERAS = KerasReference.load("element_layers.txt");
    private static final INDArray X = KERAS.matrix("x", 3, 5);
    private static final INDArray UPSTREAM = KERAS.matrix("upstream", 3, 5);

    static Stream<Arguments> activationLayers() {
        return Stream.of(
                Arguments.of("leaky_relu_default", (Supplier<Layer>) LeakyReLU::new),
                Arguments.of("leaky_relu_0.05", (Supplier<Layer>) () -> new LeakyReLU(0.05)),
                Arguments.of("relu_default", (Supplier<Layer>) ReLU::new),
                Arguments.of("relu_max1.5_slope0.1_threshold0.5", (Supplier<Layer>) () -> new ReLU(1.5, 0.1, 0.5)),
                Arguments.of("relu_max6", (Supplier<Layer>) () -> new ReLU(6.0)),
                Arguments.of("elu_default", (Supplier<Layer>) ELU::new),
                Arguments.of("elu_0.5", (Supplier<Layer>) () -> new ELU(0.5)),
                Arguments.of("softmax_default", (Supplier<Layer>) Softmax::new),
                Arguments.of("flatten", (Supplier<Layer>) Flatten::new));
    }

    /** A float64 model of one layer on 5 columns. */
    private static Sequential float64(Layer layer) {
        return new Sequential().dataType(DataType.DOUBLE).seed(1).add(new InputLayer(5)).add(layer);
    }

    /** What the pass does in training: the layer's pre-activation, its activation, then both backward steps. */
    static INDArray inputGradient(Layer layer, INDArray x, INDArray upstream) {
        INDArray z = Pass.nd4j(layer.preActivation(new Batch.Dense(x), true));
        ActivationFunction f = layer.activation();
        return layer.backward(f.backprop(z, f.apply(z), upstream), true);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance, what + " at " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationLayers")
    void outputsMatchKeras(String name, Supplier<Layer> layer) {
        assertClose(KERAS.matrix(name, 3, 5), float64(layer.get()).predict(X), 1e-12, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationLayers")
    void inputGradientsMatchKerasAutodiff(String name, Supplier<Layer> supplier) {
        Layer layer = supplier.get();
        float64(layer);
        INDArray expected = KERAS.matrix(name + "_input_gradient", 3, 5);
        if (layer instanceof LeakyReLU leaky) {
            // at x = 0 JAX's leaky_relu has slope 1; Lamina follows TensorFlow's gradient, negative_slope
            // (docs: keras-semantics.md, "leaky_relu'(0) = alpha")
            for (int i = 0; i < X.length(); i++) {
                if (X.getDouble(i) == 0) {
                    expected.putScalar(i, leaky.negativeSlope() * UPSTREAM.getDouble(i));
                }
            }
        }
        assertClose(expected, inputGradient(layer, X, UPSTREAM), 1e-12, name);
    }

    @Test
    void preluMatchesKerasOutputsAndBothGradients() {
        PReLU prelu = new PReLU();
        Sequential model = float64(prelu);
        assertClose(Nd4j.createFromArray(KERAS.values("prelu_default_alpha")), model.getWeights().get(0), 0,
                "alpha_initializer zeros");
        model.setWeights(List.of(Nd4j.createFromArray(KERAS.values("prelu_alpha"))));
        assertClose(KERAS.matrix("prelu", 3, 5), model.predict(X), 1e-12, "prelu");
        assertClose(KERAS.matrix("prelu_input_gradient", 3, 5), inputGradient(prelu, X, UPSTREAM), 1e-12,
                "input gradient (0 at x = 0)");
        assertClose(Nd4j.createFromArray(KERAS.values("prelu_alpha_gradient")).reshape(1, 5),
                model.weights().gradients(), 1e-12, "alpha gradient");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian_noise", "gaussian_dropout", "alpha_dropout"})
    void noiseLayersAreTheIdentityAtInference(String name) {
        Layer layer = switch (name) {
            case "gaussian_noise" -> new GaussianNoise(0.3);
            case "gaussian_dropout" -> new GaussianDropout(0.2);
            default -> new AlphaDropout(0.1);
        };
        assertClose(KERAS.matrix(name + "_inference", 3, 5), float64(layer).predict(X), 0, name);
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(doubles = {0.1, 0.5})
    void alphaDropoutGivesKerasOutputForKerasOwnMask(double rate) {
        String prefix = "alpha_dropout_" + rate;
        assertArrayEquals(KERAS.values(prefix + "_a_b"), AlphaDropout.correction(rate), 1e-15);
        assertClose(KERAS.matrix(prefix + "_training", 3, 5), AlphaDropout.apply(X, KERAS.matrix(prefix + "_kept", 3,
                5), rate), 1e-12, prefix);
    }

    /** The layer's training output for {@code x}, in a float64 model of {@code x}'s width. */
    private static INDArray training(Layer layer, INDArray x) {
        new Sequential().dataType(DataType.DOUBLE).seed(5).add(new InputLayer(x.size(1))).add(layer);
        return Pass.nd4j(layer.preActivation(new Batch.Dense(x), true));
    }

    private static void assertMoments(String name, INDArray values) {
        double[] keras = KERAS.values(name); // Keras's mean and standard deviation of 200,000 draws
        assertEquals(keras[0], values.meanNumber().doubleValue(), 0.006, name + " mean");
        assertEquals(keras[1], values.stdNumber().doubleValue(), 0.006, name + " stddev");
    }

    @Test
    void gaussianDropoutNoiseHasKerasMeanAndStandardDeviation() {
        assertMoments("gaussian_dropout_0.2_noise_mean_std",
                training(new GaussianDropout(0.2), Nd4j.ones(DataType.DOUBLE, 400, 500)));
    }

    @Test
    void gaussianNoiseHasKerasMeanAndStandardDeviation() {
        assertMoments("gaussian_noise_0.3_noise_mean_std",
                training(new GaussianNoise(0.3), Nd4j.zeros(DataType.DOUBLE, 400, 500)));
    }

    @Test
    void alphaDropoutKeepsStandardNormalInputsNormalisedLikeKeras() {
        Random random = new Random(5);
        double[] normal = new double[400 * 500];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = random.nextGaussian();
        }
        INDArray x = Nd4j.create(normal, new long[] {400, 500}, 'c');
        INDArray out = training(new AlphaDropout(0.2), x);
        assertMoments("alpha_dropout_0.2_normal_mean_std", out);
        double[] ab = AlphaDropout.correction(0.2);
        double dropped = ab[0] * -AlphaDropout.SELU_ALPHA * AlphaDropout.SELU_SCALE + ab[1];
        double share = out.eq(dropped).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(Math.abs(share - 0.2) < 0.005, "dropped share " + share);
    }
}
