package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.constraint.NonNeg;
import dev.lamina.core.optimizer.AdamW;
import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.core.regularizer.L2;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Trainable and non-trainable weights: packing, the optimizer's view of them, the summary, regularizers' paths. */
class TrainableWeightsTest {

    static INDArray x() {
        return Nd4j.createFromArray(KerasReferenceFitTest.X);
    }

    static INDArray y() {
        return Nd4j.createFromArray(KerasReferenceFitTest.Y);
    }

    @Test
    void aModelWithOnlyTrainableWeightsIsPackedLayerAfterLayerAsBefore() {
        Sequential model = new Sequential().seed(4).add(new Dense(4, "relu", 3)).add(new Dense(1, "sigmoid"));
        List<Float> concatenated = new ArrayList<>();
        for (INDArray w : model.getWeights()) {
            for (float v : w.data().asFloat()) {
                concatenated.add(v);
            }
        }
        float[] flat = model.weights().parameters().dup().data().asFloat();
        assertEquals(concatenated.size(), flat.length);
        for (int i = 0; i < flat.length; i++) {
            assertEquals(concatenated.get(i), flat[i], "flat position " + i);
        }
        assertTrue(model.weights().trainableGradients() == model.weights().gradients(), "no view: the same buffer");
    }

    @Test
    void theOptimizerStepsOnlyTrainableWeightsAndItsSlotsHaveOneValuePerTrainableScalar() {
        Sequential model = new Sequential().seed(4);
        model.add(new Dense(4, "relu", 3).trainable(false));
        model.add(new BatchNormalization());
        model.add(new Dense(1, "sigmoid"));
        Optimizer adamw = new AdamW(0.01, 0.5).clipnorm(0.1).useEma(true).gradientAccumulationSteps(2);
        model.compile(adamw, "binary_crossentropy");
        List<INDArray> before = model.getWeights();
        model.fit(x(), y(), FitOptions.epochs(3).batchSize(3).verbose(0));
        List<INDArray> after = model.getWeights();
        assertEquals(before.get(0), after.get(0), "frozen kernel: no decay, update, clipping or moving average");
        assertEquals(before.get(1), after.get(1), "frozen bias");
        assertNotEquals(before.get(2), after.get(2), "gamma trains");
        assertNotEquals(before.get(4), after.get(4), "moving mean follows the batches");
        long trainable = 4 + 4 + 4 + 1; // gamma, beta, kernel, bias
        assertEquals(trainable, model.countTrainableParams());
        for (var slot : adamw.state().entrySet()) {
            assertEquals(trainable, slot.getValue().length(), slot.getKey());
        }
    }

    @Test
    void unfreezingRepacksTheWeightsWithTheirValues() {
        Dense first = new Dense(4, "relu", 3);
        Sequential model = new Sequential().seed(4).add(first).add(new Dense(1, "sigmoid"));
        List<INDArray> before = model.getWeights();
        first.trainable(false);
        assertEquals(5, model.countTrainableParams());
        assertEquals(before, model.getWeights());
        // the Java path (6 rows) reads the frozen kernel at its new place in the Java copy of the weights
        assertArrayEquals(model.predict(Nd4j.vstack(x(), x())).get(org.nd4j.linalg.indexing.NDArrayIndex
                .interval(0, 6)).dup().data().asFloat(), model.predict(x()).data().asFloat(), 1e-6f);
        first.trainable(true);
        assertEquals(21, model.countTrainableParams());
        assertEquals(before, model.getWeights());
    }

    @Test
    void freezingAfterTrainingRestartsTheOptimizerSlotsForTheRemainingTrainableWeights() {
        Dense first = new Dense(4, "relu", 3);
        Sequential model = new Sequential().seed(4).add(first).add(new Dense(1, "sigmoid"));
        RMSprop rmsprop = new RMSprop(0.01);
        model.compile(rmsprop, "binary_crossentropy");
        model.fit(x(), y(), FitOptions.epochs(1).batchSize(3).verbose(0));
        assertEquals(21, rmsprop.state().get("velocity").length());
        first.trainable(false);
        List<INDArray> frozen = model.getWeights().subList(0, 2);
        model.fit(x(), y(), FitOptions.epochs(1).batchSize(3).verbose(0));
        assertEquals(5, rmsprop.state().get("velocity").length());
        assertEquals(4, rmsprop.iterations(), "the step count goes on");
        assertEquals(frozen, model.getWeights().subList(0, 2));
    }

    @Test
    void summaryCountsTrainableAndNonTrainableParametersAsKeras() {
        Sequential model = new Sequential().add(new Dense(4, "relu", 3).trainable(false)).add(new Dense(1));
        String summary = model.summaryText();
        assertTrue(summary.contains(" Total params: 21 (84.00 B)"), summary);
        assertTrue(summary.contains(" Trainable params: 5 (20.00 B)"), summary);
        assertTrue(summary.contains(" Non-trainable params: 16 (64.00 B)"), summary);
    }

    @Test
    void aFrozenFirstLayerOnSparseRowsTrainsTheRestAsOnDenseRows() {
        INDArray dense = Nd4j.createFromArray(new float[][] {{1, 0, 0, 1}, {0, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 0, 0}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}});
        List<List<INDArray>> results = new ArrayList<>();
        for (boolean sparse : new boolean[] {false, true}) {
            Sequential model = new Sequential().seed(2);
            model.add(new Dense(3, "relu", 4).trainable(false)).add(new BatchNormalization()).add(new Dense(1));
            model.compile(new RMSprop(0.01), "mse");
            FitOptions options = FitOptions.epochs(2).batchSize(2).shuffle(false).verbose(0);
            if (sparse) {
                model.fit(SparseRows.fromDense(dense), labels, options);
            } else {
                model.fit(dense, labels, options);
            }
            results.add(model.getWeights());
            assertArrayEquals(model.predict(dense).data().asFloat(), // few rows in Java, from the sparse rows
                    model.predict(SparseRows.fromDense(dense)).data().asFloat(), 1e-6f);
        }
        for (int i = 0; i < results.get(0).size(); i++) {
            assertArrayEquals(results.get(0).get(i).dup().data().asFloat(), results.get(1).get(i).dup().data().asFloat(),
                    1e-5f, "tensor " + i);
        }
    }

    @Test
    void sparseRowsTrainAsDenseRowsWithAKernelRegularizerAndConstraint() {
        float[][] rows = {{1, 0, 0, 1, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 1, 1}, {1, 1, 0, 0, 0}};
        INDArray dense = Nd4j.createFromArray(rows);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}});
        List<List<INDArray>> results = new ArrayList<>();
        for (boolean sparse : new boolean[] {false, true}) {
            Sequential model = new Sequential().seed(9);
            model.add(new Dense(3, "relu", 5).kernelRegularizer(new L2(0.1)).biasConstraint(new NonNeg()));
            model.add(new Dense(1, "sigmoid"));
            model.compile(new RMSprop(0.01), "binary_crossentropy");
            FitOptions options = FitOptions.epochs(3).batchSize(2).shuffle(false).verbose(0);
            History history = sparse ? model.fit(SparseRows.fromDense(dense), labels, options)
                    : model.fit(dense, labels, options);
            List<INDArray> weights = new ArrayList<>(model.getWeights());
            weights.add(Nd4j.createFromArray(history.last("loss")));
            results.add(weights);
            assertTrue(model.getWeights().get(1).minNumber().doubleValue() >= 0, "bias constrained non-negative");
        }
        for (int i = 0; i < results.get(0).size(); i++) {
            assertArrayEquals(results.get(0).get(i).castTo(DataType.DOUBLE).dup().data().asDouble(),
                    results.get(1).get(i).castTo(DataType.DOUBLE).dup().data().asDouble(), 1e-5, "tensor " + i);
        }
    }
}
