package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Adam;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small problems that a working training loop must solve, each in seconds. */
class LearningTest {

    @Test
    void xorReachesFullAccuracy() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(8, "tanh", 2));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "binary_crossentropy", "accuracy");
        History history = model.fit(x, y, FitOptions.epochs(300).batchSize(4).verbose(0));
        Map<String, Double> scores = model.evaluate(x, y);
        assertEquals(1.0, scores.get("accuracy"));
        assertTrue(scores.get("loss") < 0.1, "loss " + scores.get("loss"));
        assertTrue(history.last("loss") < history.get("loss").get(0));
    }

    @Test
    void threeClassBlobsExceedNinetyFivePercent() {
        Random random = new Random(1);
        int n = 600;
        float[][] features = new float[n][2];
        float[][] oneHot = new float[n][3];
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            features[i][0] = (float) (centres[c][0] + random.nextGaussian());
            features[i][1] = (float) (centres[c][1] + random.nextGaussian());
            oneHot[i][c] = 1;
        }
        INDArray x = Nd4j.createFromArray(features);
        INDArray y = Nd4j.createFromArray(oneHot);
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(16, "relu", 2));
        model.add(new Dense(3, "softmax"));
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(x, y, FitOptions.epochs(40).batchSize(32).verbose(0));
        assertTrue(model.evaluate(x, y).get("accuracy") > 0.95, model.evaluate(x, y).toString());
    }

    /** Every built-in optimizer, compiled by its Keras name, trains the same blobs (learning rates suited to each). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"sgd, 0.1", "rmsprop, 0.01", "adam, 0.01", "adamw, 0.01", "adagrad, 0.1", "nadam, 0.01",
            "adamax, 0.02", "adadelta, 1.0", "lion, 0.002", "ftrl, 0.5"})
    void everyOptimizerByNameLearnsTheBlobs(String name, double learningRate) {
        Random random = new Random(1);
        int n = 300;
        float[][] features = new float[n][2];
        float[][] oneHot = new float[n][3];
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            features[i][0] = (float) (centres[c][0] + random.nextGaussian());
            features[i][1] = (float) (centres[c][1] + random.nextGaussian());
            oneHot[i][c] = 1;
        }
        INDArray x = Nd4j.createFromArray(features);
        INDArray y = Nd4j.createFromArray(oneHot);
        Sequential model = new Sequential().seed(5);
        model.add(new Dense(16, "relu", 2));
        model.add(new Dense(3, "softmax"));
        model.compile(name, "categorical_crossentropy", "accuracy");
        assertEquals(name, model.optimizer().name());
        model.optimizer().setLearningRate(learningRate);
        model.fit(x, y, FitOptions.epochs(20).batchSize(32).verbose(0));
        assertTrue(model.evaluate(x, y).get("accuracy") > 0.95, name + ": " + model.evaluate(x, y));
    }

    @Test
    void regressionReachesLowMeanSquaredError() {
        Random random = new Random(2);
        int n = 512;
        float[][] features = new float[n][1];
        float[][] targets = new float[n][1];
        for (int i = 0; i < n; i++) {
            double v = random.nextDouble() * 4 - 2;
            features[i][0] = (float) v;
            targets[i][0] = (float) Math.sin(v);
        }
        INDArray x = Nd4j.createFromArray(features);
        INDArray y = Nd4j.createFromArray(targets);
        Sequential model = new Sequential().seed(9);
        model.add(new Dense(32, "tanh", 1));
        model.add(new Dense(1));
        model.compile(new Adam(0.01), "mse");
        model.fit(x, y, FitOptions.epochs(150).batchSize(64).verbose(0));
        double mse = model.evaluate(x, y).get("loss");
        assertTrue(mse < 0.005, "mse " + mse);
    }
}
