package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.MeanSquaredError;
import dev.lamina.core.optimizer.SGD;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through each element-wise layer, between two Dense layers, against float64 central differences of
 * the training loss. The training loss of a noise layer depends on its noise, so each difference is taken on a fresh
 * model from the same seed, whose first training pass draws the same noise.
 */
class ElementLayersGradientCheckTest {

    record Case(String label, Supplier<Layer> layer, boolean softmaxHead) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("LeakyReLU", LeakyReLU::new, false),
                new Case("ReLU", ReLU::new, false),
                new Case("ReLU(1.5, 0.1, 0.5)", () -> new ReLU(1.5, 0.1, 0.5), false),
                new Case("ELU(0.5)", () -> new ELU(0.5), false),
                new Case("Softmax", Softmax::new, false),
                new Case("PReLU", () -> new PReLU().alphaInitializer("random_uniform"), false),
                new Case("Flatten", Flatten::new, false),
                new Case("GaussianNoise", () -> new GaussianNoise(0.5), false),
                new Case("GaussianDropout", () -> new GaussianDropout(0.3), false),
                new Case("AlphaDropout", () -> new AlphaDropout(0.3), false),
                new Case("Softmax as the output, fused with categorical_crossentropy", Softmax::new, true));
    }

    private static Sequential model(Case c) {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(11);
        model.add(new Dense(4, "linear", 3).biasInitializer("random_normal"));
        model.add(c.layer().get());
        model.add(new Dense(3).biasInitializer("random_normal"));
        Loss loss = new MeanSquaredError();
        if (c.softmaxHead()) {
            model.add(new Softmax());
            loss = new CategoricalCrossentropy();
        }
        model.compile(new SGD(), loss);
        return model;
    }

    private static double trainingLoss(Case c, long parameter, double value, INDArray x, INDArray y) {
        Sequential model = model(c);
        model.weights().parameters().putScalar(parameter, value);
        model.weights().changed();
        return new Backprop(model).compute(new Batch.Dense(x), y, null).loss();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferencesOfTheTrainingLoss(Case c) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3).subi(0.5).muli(4);
        INDArray y = c.softmaxHead() ? Nd4j.eye(3).castTo(DataType.DOUBLE).repeat(0, 2)
                : Nd4j.randn(DataType.DOUBLE, 6, 3);
        Sequential model = model(c);
        new Backprop(model).compute(new Batch.Dense(x), y, null);
        INDArray analytic = model.weights().gradients().dup();
        INDArray start = model.weights().parameters().dup();
        double h = 1e-6;
        for (long i = 0; i < start.length(); i++) {
            double original = start.getDouble(i);
            double plus = trainingLoss(c, i, original + h, x, y);
            double numeric = (plus - trainingLoss(c, i, original - h, x, y)) / (2 * h);
            double got = analytic.getDouble(i);
            assertTrue(Math.abs(numeric - got) <= 1e-6 + 1e-4 * Math.abs(numeric),
                    c + ", parameter " + i + ": backprop " + got + ", finite differences " + numeric);
        }
    }
}
