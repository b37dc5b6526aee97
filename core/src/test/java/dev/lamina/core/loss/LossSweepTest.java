package dev.lamina.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.Activations;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every built-in loss (with its parameters set away from the defaults too): the gradient against float64 central
 * differences of the per-sample loss, the inputs left untouched, the logits path where the loss fuses, and the
 * round trip through {@link Losses#get(String, java.util.Map)}.
 */
class LossSweepTest {

    /** A loss with the predictions ({@code prob}, {@code simplex}, {@code positive}, {@code real}) and labels it takes. */
    record Case(Loss loss, String predictions, String labels) {
        @Override
        public String toString() {
            return loss.toString();
        }
    }

    static Stream<Case> cases() {
        return List.of(
                new Case(new BinaryCrossentropy(), "prob", "binary"),
                new Case(new BinaryCrossentropy(false, 0.1), "prob", "binary"),
                new Case(new BinaryCrossentropy(true, 0.3), "real", "binary"),
                new Case(new CategoricalCrossentropy(), "simplex", "onehot"),
                new Case(new CategoricalCrossentropy(false, 0.2), "simplex", "onehot"),
                new Case(new CategoricalCrossentropy(true, 0.2), "real", "onehot"),
                new Case(new SparseCategoricalCrossentropy(true), "real", "sparse"),
                new Case(new BinaryFocalCrossentropy(), "prob", "binary"),
                new Case(new BinaryFocalCrossentropy(true, 0.3, 1.5, false, 0.1), "prob", "binary"),
                new Case(new BinaryFocalCrossentropy(true, 0.6, 0.5, true, 0.2), "real", "binary"),
                new Case(new CategoricalFocalCrossentropy(), "simplex", "onehot"),
                new Case(new CategoricalFocalCrossentropy(0.5, 0.7, false, 0.1), "positive", "onehot"),
                new Case(new CategoricalFocalCrossentropy(1.0, 3.0, true, 0.2), "real", "onehot"),
                new Case(new MeanSquaredError(), "real", "real"),
                new Case(new MeanAbsoluteError(), "real", "real"),
                new Case(new MeanAbsolutePercentageError(), "real", "real"),
                new Case(new MeanSquaredLogarithmicError(), "positive", "positive"),
                new Case(new Huber(0.7), "real", "real"),
                new Case(new LogCosh(), "real", "real"),
                new Case(new Hinge(), "real", "binary"),
                new Case(new Hinge(), "real", "signed"),
                new Case(new SquaredHinge(), "real", "binary"),
                new Case(new CategoricalHinge(), "real", "onehot"),
                new Case(new KLDivergence(), "simplex", "simplex"),
                new Case(new Poisson(), "positive", "counts"),
                new Case(new CosineSimilarity(), "real", "real")).stream();
    }

    static double[][] predictions(String kind, int n, int k, Random random) {
        double[][] out = new double[n][k];
        for (double[] row : out) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                row[j] = switch (kind) {
                    case "prob" -> 0.05 + 0.9 * random.nextDouble();
                    case "simplex", "positive" -> 0.1 + 2 * random.nextDouble();
                    default -> 2 * random.nextGaussian();
                };
                sum += row[j];
            }
            if (kind.equals("simplex")) {
                for (int j = 0; j < k; j++) {
                    row[j] /= sum;
                }
            }
        }
        return out;
    }

    static double[][] labels(String kind, int n, int k, Random random) {
        double[][] out = new double[n][kind.equals("sparse") ? 1 : k];
        for (double[] row : out) {
            switch (kind) {
                case "onehot" -> row[random.nextInt(k)] = 1;
                case "sparse" -> row[0] = random.nextInt(k);
                case "simplex" -> System.arraycopy(predictions("simplex", 1, k, random)[0], 0, row, 0, k);
                default -> {
                    for (int j = 0; j < k; j++) {
                        row[j] = switch (kind) {
                            case "binary" -> random.nextInt(2);
                            case "signed" -> random.nextBoolean() ? 1 : -1;
                            case "counts" -> random.nextInt(4);
                            case "positive" -> 3 * random.nextDouble();
                            default -> random.nextGaussian();
                        };
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferencesAndInputsAreUntouched(Case c) {
        Random random = new Random(c.toString().hashCode());
        int n = 6;
        int k = 4;
        double[][] p = predictions(c.predictions(), n, k, random);
        INDArray yPred = Nd4j.createFromArray(p);
        INDArray yTrue = Nd4j.createFromArray(labels(c.labels(), n, k, random));
        INDArray predBefore = yPred.dup();
        INDArray trueBefore = yTrue.dup();
        INDArray gradient = c.loss().gradient(yPred, yTrue);
        assertEquals(predBefore, yPred, "the predictions were modified");
        assertEquals(trueBefore, yTrue, "the labels were modified");
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double[][] plus = copy(p);
                double[][] minus = copy(p);
                plus[i][j] += h;
                minus[i][j] -= h;
                double numeric = (c.loss().perSample(Nd4j.createFromArray(plus), yTrue).getDouble(i)
                        - c.loss().perSample(Nd4j.createFromArray(minus), yTrue).getDouble(i)) / (2 * h);
                double got = gradient.getDouble(i, j);
                assertTrue(Math.abs(numeric - got) <= 1e-6 + 1e-5 * Math.abs(numeric),
                        c + " [" + i + ", " + j + "]: gradient " + got + ", finite differences " + numeric);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossesRoundTripThroughTheRegistry(Case c) {
        assertEquals(c.loss(), Losses.get(c.loss().name(), c.loss().config()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedLogitsAgreeWithTheActivatedPrediction(Case c) {
        Loss loss = c.loss();
        String activation = loss.fusesWith(Activations.get("sigmoid")) ? "sigmoid"
                : loss.fusesWith(Activations.get("softmax")) ? "softmax" : null;
        if (activation == null) {
            return;
        }
        Random random = new Random(3);
        INDArray z = Nd4j.createFromArray(predictions("real", 5, 4, random));
        INDArray y = Nd4j.createFromArray(labels(c.labels(), 5, 4, random));
        INDArray p = Activations.get(activation).apply(z);
        assertTrue(loss.perSampleFromLogits(z, y).equalsWithEps(loss.perSample(p, y), 1e-9), c.toString());
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
