package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.regularizer.L1;
import dev.lamina.core.regularizer.L1L2;
import dev.lamina.core.regularizer.L2;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weight and activity regularizers: their penalties in the loss and their gradients, against float64 differences. */
class RegularizationTest {

    @ParameterizedTest(name = "output {0}")
    @ValueSource(strings = {"sigmoid", "linear"})
    void penaltiesAreInTheLossAndTheirGradientsInBackprop(String output) {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(7);
        model.add(new Dense(4, "tanh", 3).biasInitializer("random_normal").kernelRegularizer(new L1L2(0.01, 0.02))
                .biasRegularizer(new L1(0.03)).activityRegularizer(new L2(0.05)));
        // an activity regularizer on the output too: with sigmoid the loss starts from the logits (fused)
        model.add(new Dense(1, output).biasInitializer("random_normal").kernelRegularizer(new L2(0.04))
                .activityRegularizer(new L1L2(0.02, 0.03)));
        model.compile("sgd", output.equals("sigmoid") ? "binary_crossentropy" : "mse");
        Random random = new Random(3);
        double[][] xs = new double[5][3];
        double[][] ys = new double[5][1];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = random.nextGaussian();
            }
            ys[i][0] = random.nextBoolean() ? 1 : 0;
        }
        INDArray x = Nd4j.createFromArray(xs);
        INDArray y = Nd4j.createFromArray(ys);
        double penalty = Backprop.regularizationLoss(model.layers());
        Dense first = (Dense) model.layers().get(0);
        Dense second = (Dense) model.layers().get(1);
        double expectedPenalty = 0.01 * first.kernel().norm1Number().doubleValue()
                + 0.02 * Math.pow(first.kernel().norm2Number().doubleValue(), 2)
                + 0.03 * first.bias().norm1Number().doubleValue()
                + 0.04 * Math.pow(second.kernel().norm2Number().doubleValue(), 2);
        assertEquals(expectedPenalty, penalty, 1e-12);
        Backprop backprop = new Backprop(model);
        double trainingLoss = backprop.compute(new Batch.Dense(x), y, null).loss();
        assertEquals(trainingLoss, model.evaluate(x, y, 5).get("loss"), 1e-12,
                "evaluate adds the same penalties (no dropout or batch statistics here)");
        assertEquals(trainingLoss, model.evaluate(x, y, 2).get("loss"), 1e-12,
                "activity penalties are divided by each batch's size, so evaluate does not depend on it");
        INDArray analytic = model.weights().gradients().dup();
        INDArray params = model.weights().parameters();
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + 1e-6);
            double plus = backprop.compute(new Batch.Dense(x), y, null).loss();
            params.putScalar(i, original - 1e-6);
            double minus = backprop.compute(new Batch.Dense(x), y, null).loss();
            params.putScalar(i, original);
            double numeric = (plus - minus) / 2e-6;
            double got = analytic.getDouble(i);
            assertTrue(Math.abs(numeric - got) <= 1e-6 + 1e-4 * Math.abs(numeric),
                    "parameter " + i + ": backprop " + got + ", finite differences " + numeric);
        }
    }
}
