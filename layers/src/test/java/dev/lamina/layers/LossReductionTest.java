package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.loss.Losses;
import dev.lamina.core.loss.Reduction;
import dev.lamina.core.optimizer.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossReductionTest {

    private final INDArray x = TrainingTest.features(40, 6, 31).castTo(DataType.DOUBLE);
    private final INDArray y = TrainingTest.binaryLabels(x);
    private final INDArray w = Nd4j.linspace(0.5, 2.0, 40, DataType.DOUBLE);

    private Sequential model(Loss loss, double learningRate) {
        Sequential model = new Sequential().seed(8).dataType(DataType.DOUBLE);
        model.add(new Dense(5, "tanh", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new SGD(learningRate), loss);
        return model;
    }

    /** The weighted per-sample binary cross-entropies of the untrained model, in float64. */
    private double[] weightedLosses(Sequential model) {
        double[] p = model.predict(x, 40).reshape(-1).toDoubleVector();
        double[] losses = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
            double label = y.getDouble(i, 0);
            losses[i] = -w.getDouble(i) * (label * Math.log(q) + (1 - label) * Math.log(1 - q));
        }
        return losses;
    }

    @Test
    void eachReductionDividesTheWeightedSumAsKerasDoes() {
        for (Reduction reduction : Reduction.values()) {
            Sequential model = model(Losses.get("binary_crossentropy").withReduction(reduction), 0.0);
            double sum = java.util.Arrays.stream(weightedLosses(model)).sum();
            double expected = switch (reduction) {
                case SUM -> sum;
                case MEAN_WITH_SAMPLE_WEIGHT -> sum / w.sumNumber().doubleValue();
                default -> sum / 40;
            };
            History history = model.fit(x, y, FitOptions.epochs(1).batchSize(40).shuffle(false).verbose(0)
                    .sampleWeights(w));
            assertEquals(expected, history.get("loss").get(0), 1e-6 * Math.abs(expected), reduction.kerasName());
            assertEquals(expected, model.evaluate(x, y, w, 40).get("loss"), 1e-6 * Math.abs(expected),
                    reduction.kerasName());
        }
    }

    @Test
    void aSummedLossStepsAsFarAsTheMeanWithTheRateTimesTheBatch() {
        Sequential summed = model(Losses.get("binary_crossentropy").withReduction(Reduction.SUM), 0.01);
        Sequential mean = model(Losses.get("binary_crossentropy"), 0.01 * 40);
        FitOptions oneStep = FitOptions.epochs(1).batchSize(40).shuffle(false).verbose(0);
        summed.fit(x, y, oneStep);
        mean.fit(x, y, oneStep);
        List<INDArray> a = summed.getWeights();
        List<INDArray> b = mean.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).equalsWithEps(b.get(i), 1e-12), "weight " + i);
        }
    }

    @Test
    void theReductionKeepsTheLossItsTypeForTheGuardRailsAndNamesAreKeras() {
        Loss summed = Losses.get("binary_crossentropy").withReduction(Reduction.SUM);
        assertEquals("binary_crossentropy", summed.name());
        assertEquals(Losses.get("binary_crossentropy"), summed.unreduced());
        assertEquals(Losses.get("binary_crossentropy"), summed.withReduction(Reduction.SUM_OVER_BATCH_SIZE));
        assertEquals(Reduction.MEAN_WITH_SAMPLE_WEIGHT, Reduction.of("mean_with_sample_weight"));
        String unknown = assertThrows(IllegalArgumentException.class, () -> Reduction.of("median")).getMessage();
        assertTrue(unknown.contains("Unknown loss reduction 'median'"), unknown);
    }
}
