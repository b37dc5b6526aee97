package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.loss.BinaryFocalCrossentropy;
import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.CategoricalFocalCrossentropy;
import dev.lamina.core.loss.CategoricalHinge;
import dev.lamina.core.loss.CosineSimilarity;
import dev.lamina.core.loss.Hinge;
import dev.lamina.core.loss.Huber;
import dev.lamina.core.loss.KLDivergence;
import dev.lamina.core.loss.LogCosh;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.MeanAbsoluteError;
import dev.lamina.core.loss.MeanAbsolutePercentageError;
import dev.lamina.core.loss.MeanSquaredError;
import dev.lamina.core.loss.MeanSquaredLogarithmicError;
import dev.lamina.core.loss.Poisson;
import dev.lamina.core.loss.SparseCategoricalCrossentropy;
import dev.lamina.core.loss.SquaredHinge;
import dev.lamina.core.optimizer.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Backpropagation against float64 central differences of the loss, for every hidden activation (built-in and
 * custom) crossed with every loss and its usual output layer, fused or not.
 */
class GradientCheckTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    record Head(String label, String outputActivation, Loss loss, String labels) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Head> heads() {
        return List.of(
            new Head("sigmoid+bce(fused)", "sigmoid", new BinaryCrossentropy(), "binary"),
            new Head("hard_sigmoid+bce", "hard_sigmoid", new BinaryCrossentropy(), "binary"),
            new Head("linear+bce(logits)", "linear", new BinaryCrossentropy(true), "binary"),
            new Head("softmax+cce(fused)", "softmax", new CategoricalCrossentropy(), "onehot"),
            new Head("sigmoid+cce(normalised)", "sigmoid", new CategoricalCrossentropy(), "onehot"),
            new Head("linear+cce(logits)", "linear", new CategoricalCrossentropy(true), "onehot"),
            new Head("softmax+sparse_cce", "softmax", new SparseCategoricalCrossentropy(), "sparse"),
            new Head("linear+mse", "linear", new MeanSquaredError(), "real"),
            new Head("tanh+mae", "tanh", new MeanAbsoluteError(), "real"),
            new Head("linear+huber", "linear", new Huber(0.5), "real"),
            new Head("sigmoid+bce(smoothed,fused)", "sigmoid", new BinaryCrossentropy(false, 0.1), "binary"),
            new Head("softmax+cce(smoothed,fused)", "softmax", new CategoricalCrossentropy(false, 0.1), "onehot"),
            new Head("sigmoid+binary_focal", "sigmoid", new BinaryFocalCrossentropy(), "binary"),
            new Head("linear+binary_focal(logits)", "linear",
                    new BinaryFocalCrossentropy(true, 0.3, 1.5, true, 0.1), "binary"),
            new Head("softmax+categorical_focal", "softmax", new CategoricalFocalCrossentropy(), "onehot"),
            new Head("linear+categorical_focal(logits)", "linear",
                    new CategoricalFocalCrossentropy(0.5, 2.5, true, 0.1), "onehot"),
            new Head("tanh+hinge", "tanh", new Hinge(), "binary"),
            new Head("linear+squared_hinge", "linear", new SquaredHinge(), "binary"),
            new Head("linear+categorical_hinge", "linear", new CategoricalHinge(), "onehot"),
            new Head("softmax+kl_divergence", "softmax", new KLDivergence(), "onehot"),
            new Head("softplus+poisson", "softplus", new Poisson(), "counts"),
            new Head("linear+log_cosh", "linear", new LogCosh(), "real"),
            new Head("linear+cosine_similarity", "linear", new CosineSimilarity(), "real"),
            new Head("linear+mape", "linear", new MeanAbsolutePercentageError(), "real"),
            new Head("softplus+msle", "softplus", new MeanSquaredLogarithmicError(), "positive"));
    }

    static List<ActivationFunction> hiddenActivations() {
        List<ActivationFunction> all = new ArrayList<>();
        for (String name : List.of("relu", "sigmoid", "softmax", "softplus", "softsign", "tanh", "elu", "selu",
                "linear", "gelu", "silu", "leaky_relu", "relu6", "hard_sigmoid", "exponential", "log_softmax",
                "mish")) {
            all.add(Activations.get(name));
        }
        all.add(Activations.relu(0.1, 1.5, 0.2));
        all.add(Activations.get("gelu", java.util.Map.of("approximate", 1.0)));
        all.add(ActivationFunction.named("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5)))));
        return all;
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (ActivationFunction hidden : hiddenActivations()) {
            for (Head head : heads()) {
                all.add(Arguments.of(hidden.name() + hidden.config(), hidden, head));
            }
        }
        return all.stream();
    }

    static INDArray labels(String kind, int n, Random random) {
        double[][] y = new double[n][kind.equals("sparse") ? 1 : 3];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case "binary" -> {
                    for (int j = 0; j < 3; j++) {
                        y[i][j] = random.nextBoolean() ? 1 : 0;
                    }
                }
                case "onehot" -> y[i][random.nextInt(3)] = 1;
                case "sparse" -> y[i][0] = random.nextInt(3);
                default -> {
                    for (int j = 0; j < 3; j++) {
                        y[i][j] = switch (kind) {
                            case "counts" -> random.nextInt(4);
                            case "positive" -> 2 * random.nextDouble();
                            default -> random.nextGaussian();
                        };
                    }
                }
            }
        }
        return Nd4j.createFromArray(y);
    }

    @ParameterizedTest(name = "{0} x {2}")
    @MethodSource("combinations")
    void backpropMatchesCentralDifferences(String label, ActivationFunction hidden, Head head) {
        Random random = new Random(label.hashCode() * 31L + head.label().hashCode());
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(11);
        model.add(new Dense(4, hidden, 3).biasInitializer("random_normal"));
        // a random output bias: with zero bias a row whose relu units are all off gives equal outputs, a tie at
        // which categorical_hinge's max has no derivative (central differences and TensorFlow's split disagree)
        model.add(new Dense(3, head.outputActivation()).biasInitializer("random_normal"));
        model.compile(new SGD(), head.loss());
        // two of these models are ones the guard rails warn about; the gradient must be right all the same
        List<String> expected = new ArrayList<>();
        if (hidden.name().equals("selu")) {
            expected.add("uses selu with the glorot_uniform initializer");
        }
        if (head.label().equals("sigmoid+cce(normalised)")) {
            expected.add("ends in sigmoid over 3 units but the loss is categorical_crossentropy");
        }
        log.assertWarnings(expected.toArray(String[]::new));
        int n = 5;
        double[][] xs = new double[n][3];
        for (double[] row : xs) {
            for (int j = 0; j < 3; j++) {
                row[j] = random.nextGaussian();
            }
        }
        INDArray x = Nd4j.createFromArray(xs);
        INDArray y = labels(head.labels(), n, random);
        new Backprop(model).compute(new Batch.Dense(x), y, null);
        INDArray analytic = model.weights().gradients().dup();
        INDArray params = model.weights().parameters();
        double h = 1e-6;
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = model.evaluate(x, y, n).get("loss");
            params.putScalar(i, original - h);
            double minus = model.evaluate(x, y, n).get("loss");
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            double got = analytic.getDouble(i);
            assertTrue(Math.abs(numeric - got) <= 1e-6 + 1e-4 * Math.abs(numeric),
                    "parameter " + i + ": backprop " + got + ", finite differences " + numeric);
        }
    }
}
