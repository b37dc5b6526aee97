package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Normalization against Keras 3.15.1's numbers (keras-reference/make_reference.py, section E). */
class NormalizationTest {

    static INDArray x() {
        return Nd4j.createFromArray(KerasReferenceFitTest.X);
    }

    @Test
    void adaptComputesTheColumnMeansAndBiasedVariancesAndNormalizesAsKeras() {
        Normalization norm = new Normalization().adapt(x());
        Sequential model = new Sequential().add(norm);
        assertEquals(List.of("mean", "variance", "count"), norm.weightNames());
        assertArrayEquals(new float[] {0.75f, -0.2916666567325592f, 0.2708333432674408f},
                norm.mean().dup().data().asFloat(), 1e-7f);
        assertArrayEquals(new float[] {0.9583333134651184f, 1.1545138359069824f, 1.220920205116272f},
                norm.variance().dup().data().asFloat(), 1e-6f); // numpy sums float32 values in float32
        assertEquals(0, norm.count().rank());
        assertEquals(0.0, norm.count().getDouble(), "Keras 3 leaves count at 0 when adapting on an array");
        float[] expected = {-0.2553769648075104f, -0.8919017910957336f, 1.564923882484436f, 0.7661309242248535f,
            0.5041183233261108f, -0.697616696357727f, -1.532261848449707f, 1.2021284103393555f,
            -0.13198155164718628f, 1.532261848449707f, -0.19389168918132782f, 0.6599076390266418f,
            -0.7661309242248535f, 0.9694584012031555f, -1.602632999420166f, 0.2553769648075104f,
            -1.5899118185043335f, 0.20739954710006714f};
        assertArrayEquals(expected, model.predict(x()).data().asFloat(), 1e-6f);
        INDArray inNd4j = model.predict(Nd4j.vstack(x(), x())); // 12 rows: not the Java path
        assertArrayEquals(model.predict(x()).data().asFloat(), Arrays.copyOf(inNd4j.dup().data().asFloat(), 18));
        assertEquals(0, model.countTrainableParams());
        assertEquals(7, model.countParams());
    }

    @Test
    void invertMapsNormalizedValuesBack() {
        Sequential model = new Sequential().add(new Normalization().invert(true).adapt(x()));
        assertArrayEquals(new float[] {1.239472508430481f, -1.634770393371582f, 2.480738401412964f,
            2.2184176445007324f, -0.023045897483825684f, -0.28164294362068176f, 0.015791237354278564f,
            0.7828164100646973f, 0.40895241498947144f, 2.9526262283325195f, -0.8289082050323486f,
            1.3757859468460083f, 0.75f, 0.5141956806182861f, -1.3865954875946045f, 1.728945016860962f,
            -2.4406328201293945f, 0.8233096599578857f}, model.predict(x()).data().asFloat(), 1e-6f);
    }

    @Test
    void statisticsFromTheConstructorAreConfigNotWeightsAndAZeroVarianceDividesByEpsilon() {
        Normalization fixed = new Normalization(new double[] {0.5, -1.0, 0.0}, new double[] {4.0, 0.25, 0.0});
        Sequential model = new Sequential().add(fixed);
        assertTrue(model.isBuilt(), "three statistics declare three features");
        assertEquals(List.of(), fixed.weights());
        assertArrayEquals(new float[] {0.0f, -0.5f, 20000000.0f, 0.5f, 2.5f, -5000000.0f, -0.625f, 4.0f, 1250000.0f,
            0.875f, 1.0f, 10000000.0f, -0.25f, 3.5f, -15000000.0f, 0.25f, -2.0f, 5000000.0f},
                model.predict(x()).data().asFloat(), 1e-6f * 2e7f);
        Sequential broadcast = new Sequential().add(new Normalization(new double[] {1.0}, new double[] {4.0}))
                .build(3);
        assertArrayEquals(new float[] {-0.25f, -1.125f, 0.5f},
                Arrays.copyOf(broadcast.predict(x()).data().asFloat(), 3), 1e-7f);
    }

    @Test
    void adaptOnALayerInAModelReplacesItsWeights() {
        Normalization norm = new Normalization();
        Sequential model = new Sequential().add(norm.inputDim(3)).add(new Dense(1, "linear"));
        assertArrayEquals(new float[] {0f, 0f, 0f}, norm.mean().dup().data().asFloat());
        norm.adapt(x());
        assertArrayEquals(new float[] {0.75f, -0.2916666567325592f, 0.2708333432674408f},
                model.getWeights().get(0).data().asFloat(), 1e-7f);
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> norm.adapt(Nd4j.zeros(DataType.FLOAT, 4, 2)));
        assertTrue(wrongWidth.getMessage().contains("built for 3 features"), wrongWidth.getMessage());
    }

    @Test
    void gradientsPassThroughToTheLayerBefore() {
        Sequential model = new Sequential().dataType(DataType.DOUBLE).seed(2);
        model.add(new Dense(3, "tanh", 2)).add(new Normalization(new double[] {0.1, 0.2, -0.3},
                new double[] {0.5, 2.0, 1.5})).add(new Dense(1, "linear"));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -1.2}, {1.1, 0.4}, {-0.7, 0.9}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0.5}, {-1.0}, {0.25}});
        Backprop backprop = new Backprop(model);
        backprop.compute(new Batch.Dense(x), y, null);
        INDArray analytic = model.weights().gradients().dup();
        INDArray params = model.weights().parameters();
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + 1e-6);
            double plus = model.evaluate(x, y, 3).get("loss");
            params.putScalar(i, original - 1e-6);
            double minus = model.evaluate(x, y, 3).get("loss");
            params.putScalar(i, original);
            double numeric = (plus - minus) / 2e-6;
            assertEquals(numeric, analytic.getDouble(i), 1e-6 + 1e-4 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void badStatisticsAreClearErrors() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Normalization(new double[] {1}, null));
        assertTrue(missing.getMessage().contains("both mean and variance"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Normalization(new double[] {1, 2}, new double[] {1}));
        IllegalStateException adapt = assertThrows(IllegalStateException.class,
                () -> new Normalization(new double[] {1}, new double[] {1}).adapt(x()));
        assertTrue(adapt.getMessage().contains("new Normalization()"), adapt.getMessage());
    }
}
