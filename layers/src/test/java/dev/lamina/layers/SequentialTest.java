package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.ActivationFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class SequentialTest {

    static Sequential tourModel() {
        Sequential model = new Sequential().seed(42);
        model.add(new Dense(32, "sigmoid", 100));
        model.add(new Dense(16));
        model.add(new Activation(x -> x.mul(Transforms.sigmoid(x.mul(1.5)))));
        model.add(new Dense(3, "softmax"));
        return model;
    }

    @Test
    void theIssueTourPredictsProbabilities() {
        Sequential model = tourModel();
        INDArray batch = Nd4j.rand(5, 100);
        INDArray p = model.predict(batch);
        assertArrayEquals(new long[] {5, 3}, p.shape());
        for (int r = 0; r < 5; r++) {
            assertEquals(1.0, p.getRow(r).sumNumber().doubleValue(), 1e-5);
        }
    }

    @Test
    void layersAreNamedLikeKeras() {
        Sequential model = tourModel();
        assertEquals(List.of("dense", "dense_1", "activation", "dense_2"),
                model.layers().stream().map(Layer::name).toList());
    }

    @Test
    void summaryShowsLayersShapesAndParameterCounts() {
        String text = tourModel().summaryText();
        assertTrue(text.contains("dense (Dense)"), text);
        assertTrue(text.contains("(None, 32)"), text);
        assertTrue(text.contains("3,232"), text);   // 100*32 + 32
        assertTrue(text.contains("Total params: 3,811"), text);   // 3232 + 528 + 51
    }

    @Test
    void sameSeedGivesSameWeightsAndDifferentSeedsDiffer() {
        assertEquals(tourModel().getWeights(), tourModel().getWeights());
        Sequential other = new Sequential().seed(43);
        other.add(new Dense(32, "sigmoid", 100));
        assertNotEquals(tourModel().getWeights().get(0), other.getWeights().get(0));
    }

    @Test
    void predictionDoesNotDependOnBatchSize() {
        Sequential model = tourModel();
        INDArray x = Nd4j.rand(70, 100);
        INDArray all = model.predict(x, 1000);
        INDArray small = model.predict(x, 7);
        assertTrue(all.equalsWithEps(small, 1e-6));
    }

    @Test
    void shapesAreInferredOnTheFirstBatchWithoutAnInputDimension() {
        Sequential model = new Sequential();
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2));
        assertEquals(-1, model.inputSize());
        INDArray p = model.predict(Nd4j.rand(3, 7));
        assertArrayEquals(new long[] {3, 2}, p.shape());
        assertEquals(7, model.inputSize());
    }

    @Test
    void wrongNumberOfInputColumnsNamesTheLayerAndShape() {
        Sequential model = tourModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.rand(32, 99)));
        assertEquals("Dense 'dense' expects 100 input columns, got [32, 99].", e.getMessage());
    }

    @Test
    void rankOtherThanTwoIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tourModel().predict(Nd4j.rand(new int[] {2, 5, 100})));
        assertTrue(e.getMessage().contains("expected x of rank 2"), e.getMessage());
    }

    @Test
    void addingALayerWithAContradictoryInputDimensionIsRejected() {
        Sequential model = new Sequential();
        model.add(new Dense(8, "relu", 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.add(new Dense(4, "relu", 5)));
        assertTrue(e.getMessage().contains("declares inputDim=5 but the previous layer 'dense' outputs 8"),
                e.getMessage());
    }

    @Test
    void predictingWithAnEmptyModelIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Sequential().predict(Nd4j.rand(2, 2)));
        assertTrue(e.getMessage().contains("has no layers"), e.getMessage());
    }

    @Test
    void nanInputIsAClearError() {
        INDArray x = Nd4j.rand(4, 100);
        x.putScalar(2, 7, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tourModel().predict(x));
        assertTrue(e.getMessage().contains("row 2, column 7"), e.getMessage());
    }

    @Test
    void nanInputInALargeBatchIsAClearErrorToo() {
        INDArray x = Nd4j.rand(40, 100);
        x.putScalar(33, 99, Float.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tourModel().predict(x, 40));
        assertTrue(e.getMessage().contains("x contains NaN or infinite values (first at row 33, column 99)"),
                e.getMessage());
    }

    @Test
    void setWeightsChecksShapes() {
        Sequential model = tourModel();
        List<INDArray> weights = model.getWeights();
        weights.set(1, Nd4j.zeros(31));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.setWeights(weights));
        assertTrue(e.getMessage().contains("dense/bias has shape [32]"), e.getMessage());
    }

    @Test
    void getWeightsReturnsCopies() {
        Sequential model = tourModel();
        INDArray kernel = model.getWeights().get(0);
        kernel.assign(0);
        assertNotEquals(0.0, model.getWeights().get(0).sumNumber().doubleValue());
    }

    @Test
    void namedCustomActivationKeepsItsName() {
        Sequential model = new Sequential();
        model.add(new Dense(2, ActivationFunction.named("maFonction", x -> x.mul(2)), 3));
        assertEquals("maFonction", model.outputActivation().name());
    }
}
