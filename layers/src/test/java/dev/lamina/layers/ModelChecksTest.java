package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.loss.BinaryCrossentropy;
import dev.lamina.core.loss.BinaryFocalCrossentropy;
import dev.lamina.core.loss.CategoricalCrossentropy;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.optimizer.Adam;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each guard rail: the failing model is warned about, in {@code warnings()} and once in the log (and, where cheap,
 * shown not to learn), the corrected model is silent, and strict mode raises.
 */
class ModelChecksTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    static INDArray x(int n, long seed) {
        Random random = new Random(seed);
        float[][] v = new float[n][4];
        for (float[] row : v) {
            for (int j = 0; j < 4; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }

    static INDArray binary(INDArray x) {
        return x.getColumn(0).gt(0).castTo(x.dataType()).reshape(x.size(0), 1);
    }

    static Sequential model(String hidden, int units, String output) {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(8, hidden, 4));
        model.add(new Dense(units, output));
        return model;
    }

    @Test
    void softmaxOnASingleUnitIsWarnedAndCannotLearn() {
        Sequential model = model("relu", 1, "softmax");
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        assertEquals(1, model.warnings().size());
        assertTrue(model.warnings().get(0).startsWith("Dense 'dense_1' applies softmax to a single unit: its output "
                + "is always 1.0"), model.warnings().get(0));
        assertEquals(model.warnings(), log.warnings());
        INDArray x = x(200, 2);
        model.fit(x, binary(x), FitOptions.epochs(20).verbose(0));
        INDArray p = model.predict(x);
        assertEquals(1.0, p.minNumber().doubleValue(), 0.0);
    }

    @Test
    void sigmoidOnASingleUnitWithBinaryCrossentropyIsSilent() {
        Sequential model = model("relu", 1, "sigmoid");
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        INDArray x = x(200, 2);
        model.fit(x, binary(x), FitOptions.epochs(20).verbose(0));
        assertEquals(List.of(), model.warnings());
        log.assertWarnings();
        assertTrue(model.evaluate(x, binary(x)).get("accuracy") > 0.9);
    }

    @Test
    void binaryCrossentropyAfterReluIsWarned() {
        Sequential model = model("relu", 1, "relu");
        model.compile("adam", "binary_crossentropy");
        assertTrue(model.warnings().get(0).contains("outputs relu, whose values are not probabilities"),
                model.warnings().toString());
        assertTrue(model.warnings().get(0).contains("new BinaryCrossentropy(true)"));
        log.assertWarnings("outputs relu, whose values are not probabilities");
    }

    @Test
    void binaryCrossentropyFromLogitsAfterLinearIsSilent() {
        Sequential model = model("relu", 1, "linear");
        model.compile("adam", new BinaryCrossentropy(true));
        assertEquals(List.of(), model.warnings());
        log.assertWarnings();
    }

    @Test
    void binaryCrossentropyAfterMultiUnitSoftmaxIsWarned() {
        Sequential model = model("relu", 3, "softmax");
        model.compile("adam", "binary_crossentropy");
        assertTrue(model.warnings().get(0).contains("ends in softmax over 3 units but the loss is "
                + "binary_crossentropy"), model.warnings().toString());
        log.assertWarnings("ends in softmax over 3 units but the loss is binary_crossentropy");
    }

    @Test
    void categoricalCrossentropyAfterMultiUnitSigmoidIsWarned() {
        Sequential model = model("relu", 3, "sigmoid");
        model.compile("adam", "categorical_crossentropy");
        assertTrue(model.warnings().get(0).contains("ends in sigmoid over 3 units but the loss is "
                + "categorical_crossentropy"), model.warnings().toString());
        log.assertWarnings("ends in sigmoid over 3 units but the loss is categorical_crossentropy");
    }

    @Test
    void aWarningIsLoggedOncePerModel() {
        Sequential model = model("relu", 3, "sigmoid");
        model.compile("adam", "categorical_crossentropy");
        model.compile("sgd", "categorical_crossentropy");
        assertEquals(1, model.warnings().size());
        log.assertWarnings("ends in sigmoid over 3 units");
    }

    @Test
    void categoricalCrossentropyWithoutSoftmaxOrLogitsIsWarned() {
        Sequential model = model("relu", 3, "linear");
        model.compile("adam", "sparse_categorical_crossentropy");
        assertTrue(model.warnings().get(0).contains("not a probability distribution"), model.warnings().toString());
        Sequential fixed = model("relu", 3, "linear");
        fixed.compile("adam", new CategoricalCrossentropy(true));
        assertEquals(List.of(), fixed.warnings());
        Sequential softmax = model("relu", 3, "softmax");
        softmax.compile("adam", "sparse_categorical_crossentropy");
        assertEquals(List.of(), softmax.warnings());
        log.assertWarnings("outputs linear, not a probability distribution");
    }

    @Test
    void focalCrossentropiesHaveTheGuardRailsOfTheirCrossentropies() {
        model("relu", 1, "relu").compile("adam", "binary_focal_crossentropy");
        model("relu", 3, "linear").compile("adam", "categorical_focal_crossentropy");
        model("relu", 1, "linear").compile("adam", new BinaryFocalCrossentropy(false, 0.25, 2, true, 0));
        model("relu", 3, "softmax").compile("adam", "categorical_focal_crossentropy");
        log.assertWarnings("outputs relu, whose values are not probabilities in [0, 1], but binary_focal_crossentropy "
                + "expects probabilities",
                "outputs linear, not a probability distribution, but categorical_focal_crossentropy expects one. Fix: "
                + "use the softmax activation, or keep the layer linear and compile with from_logits "
                + "(new CategoricalFocalCrossentropy(0.25, 2.0, true, 0.0))");
    }

    @Test
    void klDivergenceWithoutProbabilitiesAndPoissonWithNegativeRatesAreWarned() {
        model("relu", 3, "linear").compile("adam", "kld");
        model("relu", 1, "tanh").compile("adam", "poisson");
        model("relu", 3, "softmax").compile("adam", "kl_divergence");
        model("relu", 1, "exponential").compile("adam", "poisson");
        log.assertWarnings("outputs linear, not a probability distribution, but kl_divergence compares distributions",
                "outputs tanh, which can be negative, but poisson takes the log of the predicted rate");
    }

    @Test
    void hingeLabelsOfMinusOneAndOneAfterASigmoidAreNotWarned() {
        Sequential model = model("relu", 1, "sigmoid");
        model.compile("adam", "hinge");
        INDArray x = x(50, 3);
        INDArray y = binary(x).muli(2).subi(1);
        model.fit(x, y, FitOptions.epochs(1).verbose(0));
        log.assertWarnings();
    }

    @Test
    void labelsOutsideTheUnitIntervalWithASigmoidOutputAreWarnedAtFit() {
        Sequential model = model("relu", 1, "sigmoid");
        model.compile("adam", "binary_crossentropy");
        INDArray x = x(50, 3);
        INDArray y = binary(x).muli(4);
        model.fit(x, y, FitOptions.epochs(1).verbose(0));
        assertTrue(model.warnings().get(0).contains("the labels range over [0.0, 4.0]"), model.warnings().toString());
        log.assertWarnings("outputs sigmoid in (0, 1) but the labels range over [0.0, 4.0]");
    }

    @Test
    void seluWithoutLecunNormalIsWarnedAndWithItIsSilent() {
        Sequential model = new Sequential();
        model.add(new Dense(8, "selu", 4));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        assertTrue(model.warnings().get(0).contains("uses selu with the glorot_uniform initializer"),
                model.warnings().toString());
        Sequential fixed = new Sequential();
        fixed.add(new Dense(8, "selu", 4).kernelInitializer("lecun_normal"));
        fixed.add(new Dense(1, "sigmoid"));
        fixed.compile("adam", "binary_crossentropy");
        assertEquals(List.of(), fixed.warnings());
        log.assertWarnings("Dense 'dense' uses selu with the glorot_uniform initializer");
    }

    @Test
    void strictModeRaises() {
        Sequential model = model("relu", 1, "softmax");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile(new Adam(),
                Losses.get("binary_crossentropy"), CompileOptions.strict(), "accuracy"));
        assertTrue(e.getMessage().contains("applies softmax to a single unit"), e.getMessage());
        log.assertWarnings();
    }

    @Test
    void correctRegressionModelIsSilent() {
        Sequential model = model("relu", 1, "linear");
        model.compile("adam", "mse");
        INDArray x = x(30, 4);
        model.fit(x, x.getColumn(0).reshape(30, 1).mul(10), FitOptions.epochs(1).verbose(0));
        assertEquals(List.of(), model.warnings());
        log.assertWarnings();
    }
}
