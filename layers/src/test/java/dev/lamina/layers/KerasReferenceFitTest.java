package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lamina.core.constraint.MaxNorm;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.core.regularizer.L1;
import dev.lamina.core.regularizer.L1L2;
import dev.lamina.core.regularizer.L2;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model with weight and activity regularizers, a kernel constraint and BatchNormalization, trained by SGD, against
 * the numbers Keras 3.15.1 gives (src/test/resources/keras-reference/make_reference.py, section C): the reported
 * losses, every weight after training (moving statistics included), evaluate and predict; and the same model with its
 * first two layers frozen.
 */
class KerasReferenceFitTest {

    static final float[][] X = {{0.5f, -1.25f, 2.0f}, {1.5f, 0.25f, -0.5f}, {-0.75f, 1.0f, 0.125f},
            {2.25f, -0.5f, 1.0f}, {0.0f, 0.75f, -1.5f}, {1.0f, -2.0f, 0.5f}};
    static final float[][] Y = {{1}, {0}, {1}, {0}, {1}, {0}};

    static Sequential model(boolean frozen) {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(4, "relu", 3).kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.02))
                .activityRegularizer(new L2(0.05)).kernelConstraint(new MaxNorm(0.8, 0)).trainable(!frozen));
        model.add(new BatchNormalization().momentum(0.9).trainable(!frozen));
        model.add(new Dense(1, "sigmoid").kernelRegularizer(new L1L2(0.01, 0.02)));
        model.setWeights(List.of(
                matrix(new float[][] {{0.5f, -0.25f, 0.75f, 0.125f}, {-0.5f, 0.375f, 0.25f, -0.625f},
                        {0.25f, 0.5f, -0.125f, 0.375f}}),
                vector(0.1f, -0.05f, 0.025f, 0.2f),
                vector(1.0f, 1.25f, 0.75f, 1.0f), vector(0.0f, 0.1f, -0.1f, 0.05f),
                vector(0.05f, 0.1f, 0.0f, 0.2f), vector(1.0f, 0.5f, 1.5f, 0.8f),
                matrix(new float[][] {{0.5f}, {-0.75f}, {0.25f}, {1.0f}}), vector(0.1f)));
        model.compile(new SGD(0.1), "binary_crossentropy");
        return model;
    }

    static INDArray matrix(float[][] values) {
        return Nd4j.createFromArray(values);
    }

    static INDArray vector(float... values) {
        return Nd4j.createFromArray(values);
    }

    @Test
    void trainingWithRegularizersConstraintAndBatchNormalizationMatchesKeras() {
        Sequential model = model(false);
        INDArray x = matrix(X);
        INDArray y = matrix(Y);
        assertEquals(1.6348966360092163, model.evaluate(x, y, 6).get("loss"), 2e-6);
        History history = model.fit(x, y, FitOptions.epochs(2).batchSize(3).shuffle(false).verbose(0));
        assertArrayEquals(new double[] {1.7014027833938599, 1.4604629278182983},
                history.get("loss").stream().mapToDouble(Double::doubleValue).toArray(), 2e-6);
        float[][] expected = {
            {0.39945554733276367f, -0.20389531552791595f, 0.6910046935081482f, -0.01161415595561266f,
                -0.48503872752189636f, 0.2927834987640381f, 0.287454217672348f, -0.611923336982727f,
                0.26579558849334717f, 0.561556875705719f, -0.1570812463760376f, 0.3309251368045807f},
            {0.03172939643263817f, -0.042495906352996826f, -0.004323267377912998f, 0.11715252697467804f},
            {0.9183462262153625f, 1.1626155376434326f, 0.7184571027755737f, 0.87176913022995f},
            {-0.005340011324733496f, 0.10650686174631119f, -0.10124851018190384f, 0.03685598820447922f},
            {0.33413854241371155f, 0.11793257296085358f, 0.18432727456092834f, 0.37927040457725525f},
            {0.818640947341919f, 0.3371632695198059f, 1.0916955471038818f, 0.7104868292808533f},
            {0.30586326122283936f, -0.5849635004997253f, 0.13298165798187256f, 0.8500402569770813f},
            {0.0863347202539444f}};
        assertWeights(expected, model.getWeights());
        assertEquals(1.198167324066162, model.evaluate(x, y, 4).get("loss"), 2e-6);
        assertArrayEquals(new float[] {0.6865510940551758f, 0.48736459016799927f, 0.3038187623023987f,
            0.7159740328788757f, 0.4415963292121887f, 0.820061206817627f},
                model.predict(x).data().asFloat(), 2e-6f);
        assertEquals(37, model.countParams());
        assertEquals(29, model.countTrainableParams());
    }

    @Test
    void frozenLayersKeepTheirWeightsAndBatchNormalizationUsesItsMovingStatistics() {
        Sequential model = model(true);
        INDArray x = matrix(X);
        INDArray y = matrix(Y);
        List<INDArray> before = model.getWeights();
        assertEquals(1.60536527633667, model.evaluate(x, y, 6).get("loss"), 2e-6);
        History history = model.fit(x, y, FitOptions.epochs(2).batchSize(3).shuffle(false).verbose(0));
        assertArrayEquals(new double[] {1.5973753929138184, 1.462619423866272},
                history.get("loss").stream().mapToDouble(Double::doubleValue).toArray(), 2e-6);
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < 6; i++) {
            assertEquals(before.get(i), after.get(i), "frozen weight " + i + " changed");
        }
        assertArrayEquals(new float[] {0.27118629217147827f, -0.6769767999649048f, 0.16554315388202667f,
            0.808011531829834f}, after.get(6).data().asFloat(), 2e-6f);
        assertArrayEquals(new float[] {0.026282519102096558f}, after.get(7).data().asFloat(), 2e-6f);
        assertEquals(1.3452162742614746, model.evaluate(x, y, 4).get("loss"), 2e-6);
        assertEquals(5, model.countTrainableParams());
    }

    static void assertWeights(float[][] expected, List<INDArray> weights) {
        assertEquals(expected.length, weights.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], weights.get(i).dup('c').data().asFloat(), 2e-6f, "weight " + i);
        }
    }
}
