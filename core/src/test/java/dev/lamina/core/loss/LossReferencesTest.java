package dev.lamina.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-sample values of Keras 3's losses against float64 formulas written here from keras/src/losses/losses.py,
 * element by element, on random batches; and the label conventions and errors of each.
 */
class LossReferencesTest {

    static final double EPS = 1e-7;
    static final Random RANDOM = new Random(15);

    static double[][] random(int n, int k, DoubleUnaryOperator f) {
        double[][] out = new double[n][k];
        for (double[] row : out) {
            for (int j = 0; j < k; j++) {
                row[j] = f.applyAsDouble(RANDOM.nextDouble());
            }
        }
        return out;
    }

    static double[][] oneHot(int n, int k) {
        double[][] out = new double[n][k];
        for (double[] row : out) {
            row[RANDOM.nextInt(k)] = 1;
        }
        return out;
    }

    static double[][] simplex(int n, int k) {
        double[][] out = random(n, k, u -> Math.exp(4 * u - 2));
        for (double[] row : out) {
            double sum = java.util.Arrays.stream(row).sum();
            for (int j = 0; j < k; j++) {
                row[j] /= sum;
            }
        }
        return out;
    }

    static double clip(double v, double lo, double hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    static void assertPerSample(Loss loss, double[][] p, double[][] y, double[] expected) {
        double[] got = loss.perSample(Nd4j.createFromArray(p), Nd4j.createFromArray(y)).toDoubleVector();
        assertEquals(expected.length, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-12 * Math.max(1, Math.abs(expected[i])), loss + " row " + i);
        }
    }

    /** mean over the last axis of f(p, y). */
    interface Elem {
        double at(double p, double y);
    }

    static double[] meanOf(double[][] p, double[][] y, Elem f) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                out[i] += f.at(p[i][j], y[i][j]);
            }
            out[i] /= p[i].length;
        }
        return out;
    }

    @Test
    void hingeAndSquaredHingeConvertZeroOneLabelsToMinusOneOne() {
        double[][] p = random(6, 3, u -> 4 * u - 2);
        double[][] y01 = random(6, 3, u -> u < 0.5 ? 0 : 1);
        double[][] signed = new double[6][3];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                signed[i][j] = y01[i][j] == 0 ? -1 : 1;
            }
        }
        double[] hinge = meanOf(p, signed, (a, b) -> Math.max(1 - a * b, 0));
        double[] squared = meanOf(p, signed, (a, b) -> Math.pow(Math.max(1 - a * b, 0), 2));
        assertPerSample(new Hinge(), p, y01, hinge);
        assertPerSample(new Hinge(), p, signed, hinge);
        assertPerSample(new SquaredHinge(), p, y01, squared);
        assertPerSample(new SquaredHinge(), p, signed, squared);
        // labels that are not all 0/1 are used as they are (Keras converts only an all-binary batch)
        double[][] mixed = {{0, 1, 2}};
        double[][] p1 = {{0.5, -0.5, 0.25}};
        assertPerSample(new Hinge(), p1, mixed, new double[] {(1 + 1.5 + 0.5) / 3});
        // the decision is the batch's, also when the batch is a view of labels that are not all 0/1
        INDArray all = Nd4j.createFromArray(new double[][] {{2}, {0}, {1}});
        INDArray batch = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray predictions = Nd4j.createFromArray(new double[][] {{0.5}, {0.5}});
        assertArrayEquals(new double[] {1.5, 0.5}, new Hinge().perSample(predictions, batch).toDoubleVector(), 1e-12);
    }

    @Test
    void categoricalHingeIsTheMarginOfTheTrueClassOverTheBestWrongOne() {
        double[][] p = random(8, 4, u -> 3 * u - 1);
        double[][] y = oneHot(8, 4);
        double[] expected = new double[8];
        for (int i = 0; i < 8; i++) {
            double pos = 0;
            double neg = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 4; j++) {
                pos += y[i][j] * p[i][j];
                neg = Math.max(neg, (1 - y[i][j]) * p[i][j]);
            }
            expected[i] = Math.max(neg - pos + 1, 0);
        }
        assertPerSample(new CategoricalHinge(), p, y, expected);
    }

    @Test
    void klDivergenceClipsBothSidesToEpsilonAndOne() {
        double[][] p = simplex(6, 4);
        p[0][1] = 0;
        double[][] y = simplex(6, 4);
        y[1] = new double[] {0, 1, 0, 0};
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                double t = clip(y[i][j], EPS, 1);
                expected[i] += t * Math.log(t / clip(p[i][j], EPS, 1));
            }
        }
        assertPerSample(new KLDivergence(), p, y, expected);
        assertEquals(0, new KLDivergence().perSample(Nd4j.createFromArray(y), Nd4j.createFromArray(y))
                .maxNumber().doubleValue(), 1e-12);
    }

    @Test
    void poissonLogCoshMapeAndMsleFollowKerasFormulas() {
        double[][] rate = random(5, 3, u -> 0.1 + 3 * u);
        double[][] counts = random(5, 3, u -> Math.floor(4 * u));
        assertPerSample(new Poisson(), rate, counts, meanOf(rate, counts, (a, b) -> a - b * Math.log(a + EPS)));
        double[][] p = random(5, 3, u -> 10 * u - 5);
        double[][] y = random(5, 3, u -> 10 * u - 5);
        y[0][0] = 0; // mape divides by max(|y|, eps)
        assertPerSample(new LogCosh(), p, y, meanOf(p, y, (a, b) -> Math.log(Math.cosh(a - b))));
        assertPerSample(new MeanAbsolutePercentageError(), p, y,
                meanOf(p, y, (a, b) -> 100 * Math.abs((b - a) / Math.max(Math.abs(b), EPS))));
        assertPerSample(new MeanSquaredLogarithmicError(), p, y, meanOf(p, y,
                (a, b) -> Math.pow(Math.log(Math.max(a, EPS) + 1) - Math.log(Math.max(b, EPS) + 1), 2)));
        // log_cosh does not overflow where cosh would
        double big = new LogCosh().perSample(Nd4j.createFromArray(new double[][] {{1000}}),
                Nd4j.createFromArray(new double[][] {{0}})).getDouble(0);
        assertEquals(1000 - Math.log(2), big, 1e-9);
    }

    @Test
    void cosineSimilarityIsMinusTheCosineAndZeroForAZeroVector() {
        double[][] p = random(5, 3, u -> 2 * u - 1);
        double[][] y = random(5, 3, u -> 2 * u - 1);
        p[4] = new double[] {0, 0, 0};
        double[] expected = new double[5];
        for (int i = 0; i < 4; i++) {
            double dot = 0;
            double np = 0;
            double ny = 0;
            for (int j = 0; j < 3; j++) {
                dot += p[i][j] * y[i][j];
                np += p[i][j] * p[i][j];
                ny += y[i][j] * y[i][j];
            }
            expected[i] = -dot / Math.sqrt(np * ny);
        }
        assertPerSample(new CosineSimilarity(), p, y, expected);
    }

    @Test
    void binaryFocalCrossentropyWithBalancingSmoothingAndLogits() {
        double[][] z = random(6, 3, u -> 8 * u - 4);
        double[][] y = random(6, 3, u -> u < 0.5 ? 0 : 1);
        double alpha = 0.3;
        double gamma = 1.5;
        double s = 0.2;
        double[][] p = new double[6][3];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                p[i][j] = 1 / (1 + Math.exp(-z[i][j]));
            }
        }
        double[] expected = meanOf(p, y, (a, b) -> {
            double t = b * (1 - s) + 0.5 * s;
            double c = clip(a, EPS, 1 - EPS);
            double bce = -(t * Math.log(c) + (1 - t) * Math.log(1 - c));
            double pT = t * a + (1 - t) * (1 - a);
            double w = t * alpha + (1 - t) * (1 - alpha);
            return w * Math.pow(1 - pT, gamma) * bce;
        });
        assertPerSample(new BinaryFocalCrossentropy(true, alpha, gamma, true, s), z, y, expected);
        assertPerSample(new BinaryFocalCrossentropy(true, alpha, gamma, false, s), p, y, expected);
        // gamma 0 without balancing is binary cross-entropy
        assertArrayEquals(new BinaryCrossentropy().perSample(Nd4j.createFromArray(p), Nd4j.createFromArray(y))
                .toDoubleVector(), new BinaryFocalCrossentropy(false, 0.25, 0, false, 0)
                .perSample(Nd4j.createFromArray(p), Nd4j.createFromArray(y)).toDoubleVector(), 1e-12);
    }

    @Test
    void categoricalFocalCrossentropyWithSmoothingAndLogits() {
        double[][] z = random(6, 4, u -> 6 * u - 3);
        double[][] y = oneHot(6, 4);
        double alpha = 0.4;
        double gamma = 2.5;
        double s = 0.1;
        double[] expected = new double[6];
        double[][] p = new double[6][4];
        for (int i = 0; i < 6; i++) {
            double max = java.util.Arrays.stream(z[i]).max().getAsDouble();
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += Math.exp(z[i][k] - max);
            }
            for (int k = 0; k < 4; k++) {
                p[i][k] = Math.exp(z[i][k] - max) / sum;
                double t = y[i][k] * (1 - s) + s / 4;
                double q = clip(p[i][k], EPS, 1 - EPS);
                expected[i] += alpha * Math.pow(1 - q, gamma) * -t * Math.log(q);
            }
        }
        assertPerSample(new CategoricalFocalCrossentropy(alpha, gamma, true, s), z, y, expected);
        assertPerSample(new CategoricalFocalCrossentropy(alpha, gamma, false, s), p, y, expected);
    }

    @Test
    void labelSmoothingSqueezesBinaryLabelsTowardsOneHalfAndCategoricalOnesTowardsUniform() {
        double[][] p = random(5, 3, u -> 0.05 + 0.9 * u);
        double[][] y = random(5, 3, u -> u < 0.5 ? 0 : 1);
        double s = 0.2;
        assertPerSample(new BinaryCrossentropy(false, s), p, y, meanOf(p, y, (a, b) -> {
            double t = b * (1 - s) + 0.5 * s;
            return -(t * Math.log(a) + (1 - t) * Math.log(1 - a));
        }));
        double[][] z = random(5, 3, u -> 6 * u - 3);
        double[] fromLogits = meanOf(z, y, (a, b) -> {
            double t = b * (1 - s) + 0.5 * s;
            return Math.max(a, 0) - a * t + Math.log1p(Math.exp(-Math.abs(a)));
        });
        assertPerSample(new BinaryCrossentropy(true, s), z, y, fromLogits);
        double[][] q = simplex(5, 3);
        double[][] hot = oneHot(5, 3);
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                expected[i] -= (hot[i][k] * (1 - s) + s / 3) * Math.log(q[i][k]);
            }
        }
        assertPerSample(new CategoricalCrossentropy(false, s), q, hot, expected);
        double[][] logQ = new double[5][3];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                logQ[i][k] = Math.log(q[i][k]) + 7;
            }
        }
        double[] viaLogits = new CategoricalCrossentropy(true, s).perSample(Nd4j.createFromArray(logQ),
                Nd4j.createFromArray(hot)).toDoubleVector();
        assertArrayEquals(expected, viaLogits, 1e-12);
    }

    @Test
    void labelsOfAnotherShapeAreAClearError() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}});
        for (Loss loss : new Loss[] {new Hinge(), new KLDivergence(), new CosineSimilarity(),
                new CategoricalFocalCrossentropy(), new BinaryFocalCrossentropy()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.perSample(p, y));
            assertTrue(e.getMessage().contains(loss.name() + " expects labels of the predictions' shape [1, 2]; "
                    + "got [1, 1]"), e.getMessage());
        }
    }

    @Test
    void parametersOutsideTheirRangeAreRejectedWithTheReceivedValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossentropy(false, 1.5));
        assertTrue(e.getMessage().contains("label_smoothing must be in [0, 1]. Received: label_smoothing=1.5"));
        e = assertThrows(IllegalArgumentException.class, () -> new BinaryFocalCrossentropy(true, 2, 2, false, 0));
        assertTrue(e.getMessage().contains("alpha must be in [0, 1]. Received: alpha=2.0"));
        e = assertThrows(IllegalArgumentException.class, () -> new CategoricalFocalCrossentropy(0.25, -1, false, 0));
        assertTrue(e.getMessage().contains("gamma must be a number >= 0"));
    }
}
