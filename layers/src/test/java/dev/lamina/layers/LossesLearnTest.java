package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.loss.BinaryFocalCrossentropy;
import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.CategoricalFocalCrossentropy;
import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.optimizer.Adam;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each newer loss trains a float32 model on three separable blobs with one-hot targets (shifted by 1 for mape, which
 * divides by the label) until the largest output names the class.
 */
class LossesLearnTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    record Case(Loss loss, String output, double shift) {
        @Override
        public String toString() {
            return loss.toString();
        }
    }

    static Stream<Case> cases() {
        return List.of(
                new Case(new BinaryCrossentropy(false, 0.1), "sigmoid", 0),
                new Case(new CategoricalCrossentropy(false, 0.1), "softmax", 0),
                new Case(new BinaryFocalCrossentropy(), "sigmoid", 0),
                new Case(new BinaryFocalCrossentropy(true, 0.25, 2, true, 0), "linear", 0),
                new Case(new CategoricalFocalCrossentropy(), "softmax", 0),
                new Case(Losses.get("hinge"), "tanh", 0),
                new Case(Losses.get("squared_hinge"), "linear", 0),
                new Case(Losses.get("categorical_hinge"), "linear", 0),
                new Case(Losses.get("kl_divergence"), "softmax", 0),
                new Case(Losses.get("poisson"), "softplus", 0),
                new Case(Losses.get("log_cosh"), "linear", 0),
                new Case(Losses.get("cosine_similarity"), "linear", 0),
                new Case(Losses.get("mape"), "linear", 1),
                new Case(Losses.get("msle"), "softplus", 0)).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLossTrainsAModelToSeparateThreeBlobs(Case c) {
        Random random = new Random(7);
        int n = 300;
        float[][] features = new float[n][2];
        float[][] targets = new float[n][3];
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            features[i][0] = (float) (centres[k][0] + 0.7 * random.nextGaussian());
            features[i][1] = (float) (centres[k][1] + 0.7 * random.nextGaussian());
            for (int j = 0; j < 3; j++) {
                targets[i][j] = (float) ((j == k ? 1 : 0) + c.shift());
            }
        }
        INDArray x = Nd4j.createFromArray(features);
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(16, "relu", 2));
        model.add(new Dense(3, c.output()));
        model.compile(new Adam(0.03), c.loss());
        History history = model.fit(x, Nd4j.createFromArray(targets), FitOptions.epochs(30).batchSize(64).verbose(0));
        INDArray predicted = model.predict(x).argMax(1);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += predicted.getInt(i) == i % 3 ? 1 : 0;
        }
        assertTrue(right > 0.95 * n, c + ": " + right + " of " + n + " right");
        assertTrue(history.last("loss") < history.get("loss").get(0), history.get("loss").toString());
        log.assertWarnings();
    }
}
