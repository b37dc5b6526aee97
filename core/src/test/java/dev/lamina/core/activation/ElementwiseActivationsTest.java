package dev.lamina.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One sweep over every element-wise built-in: values and derivatives against independent float64 formulas (written
 * here from Keras's definitions with java.lang.Math), derivatives against central differences, inputs untouched.
 */
class ElementwiseActivationsTest {

    static final double[] POINTS = {-100, -20, -5, -3, -2.5, -1, -0.5, -0.1, -1e-6, 0, 1e-6, 0.1, 0.5, 1, 2.5, 3, 5,
        5.99, 6, 6.01, 20, 100};
    /** Points away from every kink, where central differences are valid. */
    static final double[] SMOOTH_POINTS = {-7.3, -2.9, -1.1, -0.37, 0.21, 0.83, 1.7, 2.6, 4.4, 7.9};

    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    record Case(String label, ElementwiseActivation activation, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        @Override
        public String toString() {
            return label;
        }
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double erf(double x) {
        // Abramowitz-Stegun 7.1.26 is too coarse; use the series/continued-fraction-free identity via erfc below.
        return 1 - erfc(x);
    }

    /** erfc by W. J. Cody's rational approximations is long; this uses the Numerical Recipes erfcc (rel err < 1.2e-7)
     *  refined by one Newton step on the Taylor series near 0, enough for float32 references. */
    static double erfc(double x) {
        if (Math.abs(x) < 0.5) {
            double sum = 0;
            double term = x;
            for (int n = 0; n < 30; n++) {
                sum += term / (2 * n + 1);
                term *= -x * x / (n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        double z = Math.abs(x);
        // continued fraction (Lentz) for erfc, accurate to double precision for z >= 0.5
        double tiny = 1e-300;
        double b = z * z + 0.5;
        double f = b;
        double c = b;
        double d = 0;
        for (int i = 1; i < 300; i++) {
            double a = -i * (i - 0.5);
            b += 2;
            d = b + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        double value = z * Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        return x >= 0 ? value : 2 - value;
    }

    static Stream<Case> cases() {
        double k = Math.sqrt(2 / Math.PI);
        return Stream.of(
            new Case("relu", new Relu(), x -> Math.max(x, 0), x -> x > 0 ? 1 : 0),
            new Case("relu(alpha=0.1,max=6,thr=0)", new Relu(0.1, 6.0, 0.0),
                x -> Math.min(Math.max(x, 0), 6) - 0.1 * Math.max(-x, 0),
                x -> (x > 0 && x < 6 ? 1 : 0) + (x < 0 ? 0.1 : 0)),
            new Case("relu(alpha=0.3,max=inf,thr=0.5)", new Relu(0.3, Double.POSITIVE_INFINITY, 0.5),
                x -> (x > 0.5 ? x : 0) - 0.3 * Math.max(0.5 - x, 0),
                x -> (x > 0.5 ? 1 : 0) + (x < 0.5 ? 0.3 : 0)),
            new Case("relu(alpha=0,max=4,thr=1)", new Relu(0.0, 4.0, 1.0),
                x -> Math.min(Math.max(x > 1 ? x : 0, 0), 4), x -> x > 1 && x < 4 ? 1 : 0),
            new Case("relu(alpha=0.2 leaky)", new Relu(0.2, Double.POSITIVE_INFINITY, 0.0),
                x -> x > 0 ? x : 0.2 * x, x -> x > 0 ? 1 : 0.2),
            new Case("sigmoid", new Sigmoid(), ElementwiseActivationsTest::sigmoid,
                x -> sigmoid(x) * (1 - sigmoid(x))),
            new Case("softplus", new Softplus(), ElementwiseActivationsTest::softplus,
                ElementwiseActivationsTest::sigmoid),
            new Case("softsign", new Softsign(), x -> x / (Math.abs(x) + 1),
                x -> 1 / ((Math.abs(x) + 1) * (Math.abs(x) + 1))),
            new Case("tanh", new Tanh(), Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x)),
            new Case("elu", new Elu(), x -> x > 0 ? x : Math.expm1(x), x -> x > 0 ? 1 : Math.exp(x)),
            new Case("elu(alpha=0.5)", new Elu(0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x),
                x -> x > 0 ? 1 : 0.5 * Math.exp(x)),
            new Case("selu", new Selu(), x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
                x -> SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x))),
            new Case("linear", new Linear(), x -> x, x -> 1),
            new Case("gelu", new Gelu(), x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))),
                x -> 0.5 * (1 + erf(x / Math.sqrt(2))) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)),
            new Case("gelu(approximate)", new Gelu(true),
                x -> 0.5 * x * (1 + Math.tanh(k * (x + 0.044715 * x * x * x))),
                x -> {
                    double t = Math.tanh(k * (x + 0.044715 * x * x * x));
                    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
                }),
            new Case("silu", new Silu(), x -> x * sigmoid(x), x -> sigmoid(x) * (1 + x * (1 - sigmoid(x)))),
            new Case("leaky_relu", new LeakyRelu(), x -> x > 0 ? x : 0.2 * x, x -> x > 0 ? 1 : 0.2),
            new Case("relu6", new Relu6(), x -> Math.min(Math.max(x, 0), 6), x -> x > 0 && x < 6 ? 1 : 0),
            new Case("hard_sigmoid", new HardSigmoid(), x -> Math.min(Math.max(x + 3, 0), 6) / 6,
                x -> x > -3 && x < 3 ? 1.0 / 6 : 0),
            new Case("exponential", new Exponential(), Math::exp, Math::exp),
            new Case("mish", new Mish(), x -> x * Math.tanh(softplus(x)),
                x -> {
                    double t = Math.tanh(softplus(x));
                    return t + x * sigmoid(x) * (1 - t * t);
                }));
    }

    static Stream<Arguments> arguments() {
        return cases().map(Arguments::of);
    }

    static void assertClose(double expected, double actual, double absolute, double relative, String what) {
        float expectedFloat = (float) expected;
        if (Float.isInfinite(expectedFloat)) {
            assertEquals(expectedFloat, (float) actual, what);
            return;
        }
        double tolerance = absolute + relative * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void valuesMatchFloat64ReferenceWithinFloat32Tolerance(Case c) {
        INDArray x = Nd4j.createFromArray(toFloat(POINTS));
        INDArray y = c.activation().apply(x);
        for (int i = 0; i < POINTS.length; i++) {
            assertClose(c.f().applyAsDouble((float) POINTS[i]), y.getDouble(i), 1e-6, 1e-5,
                    c + "(" + POINTS[i] + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void derivativeMatchesAnalyticFloat64Reference(Case c) {
        INDArray x = Nd4j.createFromArray(toFloat(POINTS));
        INDArray d = c.activation().derivative(x);
        for (int i = 0; i < POINTS.length; i++) {
            assertClose(c.df().applyAsDouble((float) POINTS[i]), d.getDouble(i), 1e-5, 1e-4,
                    c + "'(" + POINTS[i] + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void derivativeMatchesCentralDifferencesInFloat64(Case c) {
        INDArray x = Nd4j.createFromArray(SMOOTH_POINTS);
        INDArray d = c.activation().derivative(x);
        assertEquals(DataType.DOUBLE, d.dataType());
        for (int i = 0; i < SMOOTH_POINTS.length; i++) {
            double h = 1e-6;
            INDArray plus = c.activation().apply(Nd4j.createFromArray(SMOOTH_POINTS[i] + h));
            INDArray minus = c.activation().apply(Nd4j.createFromArray(SMOOTH_POINTS[i] - h));
            double numeric = (plus.getDouble(0) - minus.getDouble(0)) / (2 * h);
            assertClose(numeric, d.getDouble(i), 1e-6, 1e-6, c + "' by finite differences at " + SMOOTH_POINTS[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void backpropIsUpstreamGradientTimesDerivative(Case c) {
        INDArray x = Nd4j.createFromArray(new float[][] {{-1.5f, 0.25f, 2f}, {3.5f, -0.75f, 0.6f}});
        INDArray g = Nd4j.createFromArray(new float[][] {{0.3f, -2f, 1f}, {0.5f, 0.25f, -1.5f}});
        INDArray grad = c.activation().backprop(x, c.activation().apply(x), g);
        INDArray expected = c.activation().derivative(x).mul(g);
        assertArrayEquals(expected.data().asFloat(), grad.data().asFloat(), 1e-6f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void neverModifiesItsInput(Case c) {
        float[] values = toFloat(POINTS);
        INDArray x = Nd4j.createFromArray(values);
        INDArray y = c.activation().apply(x);
        c.activation().derivative(x);
        c.activation().backprop(x, y, x.dup());
        assertArrayEquals(values, x.data().asFloat());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void applyIntoMatchesApply(Case c) {
        INDArray x = Nd4j.createFromArray(toFloat(POINTS));
        INDArray expected = c.activation().apply(x);
        INDArray inPlace = x.dup();
        c.activation().applyInto(inPlace, inPlace);
        assertArrayEquals(expected.data().asFloat(), inPlace.data().asFloat());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arguments")
    void getByNameWithConfigRebuildsAnEqualFunction(Case c) {
        ActivationFunction rebuilt = Activations.get(c.activation().name(), c.activation().config());
        assertEquals(c.activation(), rebuilt);
    }

    static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
