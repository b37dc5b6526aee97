package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassWeightsTest {

    private static double[] perRow(Map<Integer, Double> classWeight, INDArray labels) {
        return ClassWeights.perRow(classWeight, labels, DataType.DOUBLE).reshape(-1).toDoubleVector();
    }

    @Test
    void integerLabelsLookUpTheirClassAndMissingClassesWeighOne() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{0}, {1}, {0}, {2}}); // Keras's own test case
        assertArrayEquals(new double[] {1, 2, 1, 1}, perRow(Map.of(0, 1.0, 1, 2.0), labels));
        assertArrayEquals(new double[] {1, 2, 1, 3}, perRow(Map.of(0, 1.0, 1, 2.0, 2, 3.0), labels));
    }

    @Test
    void oneHotLabelsUseTheirArgmax() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
        assertArrayEquals(new double[] {1, 2, 3, 2}, perRow(Map.of(0, 1.0, 1, 2.0, 2, 3.0), labels));
    }

    @Test
    void singleColumnLabelsAreRoundedHalfToEvenAsNumpyDoes() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{0.4}, {0.5}, {0.6}, {1.5}});
        assertArrayEquals(new double[] {1, 1, 5, 7}, perRow(Map.of(0, 1.0, 1, 5.0, 2, 7.0), labels));
    }

    @Test
    void fittingWithClassWeightsEqualsFittingWithTheSameSampleWeights() {
        INDArray x = TrainingTest.features(120, 6, 11);
        INDArray y = TrainingTest.binaryLabels(x);
        INDArray asSampleWeights = y.mul(4).add(1); // class 0 -> 1, class 1 -> 5
        Sequential byClass = TrainingTest.binaryModel(5);
        Sequential bySample = TrainingTest.binaryModel(5);
        History classHistory = byClass.fit(x, y, FitOptions.epochs(3).batchSize(16).seed(2).verbose(0)
                .classWeight(Map.of(0, 1, 1, 5)));
        History sampleHistory = bySample.fit(x, y, FitOptions.epochs(3).batchSize(16).seed(2).verbose(0)
                .sampleWeights(asSampleWeights));
        assertEquals(sampleHistory.history().get("loss"), classHistory.history().get("loss"));
        assertEquals(bySample.getWeights(), byClass.getWeights());
    }

    @Test
    void classWeightsAndSampleWeightsTogetherAreRefusedAsInKeras() {
        INDArray w = Nd4j.ones(DataType.FLOAT, 4);
        String message = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).sampleWeights(w).classWeight(Map.of(0, 2.0))).getMessage();
        assertTrue(message.contains("cannot use classWeight and sampleWeights at the same time"), message);
        String negative = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).classWeight(Map.of(1, -2.0))).getMessage();
        assertTrue(negative.contains("classWeight for class 1 must be finite and >= 0"), negative);
    }
}
