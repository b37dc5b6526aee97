package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.activation.Activations;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    @Test
    void forwardPassOfAHandComputedNetworkMatchesExactValues() {
        Sequential model = new Sequential();
        model.add(new Dense(2, "relu", 3));
        model.add(new Dense(1, "sigmoid"));
        model.setWeights(List.of(
                Nd4j.createFromArray(new float[][] {{1, -1}, {0.5f, 2}, {-1, 0}}), Nd4j.createFromArray(0.5f, -1f),
                Nd4j.createFromArray(new float[][] {{2}, {-3}}), Nd4j.createFromArray(0.25f)));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {0, 1, 0}});
        // row 0: z1 = [1+1-3+0.5, -1+4-1] = [-0.5, 2] -> relu [0, 2]; z2 = -6 + 0.25 = -5.75
        // row 1: z1 = [0.5+0.5, 2-1] = [1, 1]; z2 = 2 - 3 + 0.25 = -0.75
        INDArray p = model.predict(x);
        assertEquals(1 / (1 + Math.exp(5.75)), p.getDouble(0, 0), 1e-7);
        assertEquals(1 / (1 + Math.exp(0.75)), p.getDouble(1, 0), 1e-7);
    }

    @Test
    void unitsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertEquals("Dense expects units > 0. Received: units=0", e.getMessage());
    }

    @Test
    void nullActivationNameIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(3, (String) null));
    }

    @Test
    void unknownActivationNameFailsAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "sigmiod"));
        assertTrue(e.getMessage().contains("Did you mean sigmoid"), e.getMessage());
    }

    @Test
    void defaultsAreGlorotUniformKernelAndZeroBias() {
        Dense dense = new Dense(4, "relu", 6);
        assertEquals("glorot_uniform", dense.kernelInitializer().name());
        assertEquals("zeros", dense.biasInitializer().name());
        assertTrue(dense.usesBias());
        new Sequential().add(dense);
        assertArrayEquals(new float[4], dense.bias().toFloatVector());
    }

    @Test
    void seluAdviceIsExpressible() {
        Dense dense = new Dense(64, "selu").kernelInitializer("lecun_normal");
        assertEquals("lecun_normal", dense.kernelInitializer().name());
        assertEquals("selu", dense.activation().name());
    }

    @Test
    void withoutBiasThereIsOnlyAKernel() {
        Sequential model = new Sequential();
        Dense dense = new Dense(3, "linear", 2).useBias(false);
        model.add(dense);
        assertEquals(6, model.countParams());
        assertEquals(List.of("kernel"), dense.weightNames());
    }

    @Test
    void configurationAfterBuildIsRejected() {
        Dense dense = new Dense(2, "relu", 2);
        new Sequential().add(dense);
        assertThrows(IllegalStateException.class, () -> dense.kernelInitializer("zeros"));
    }

    @Test
    void activationObjectsWorkLikeNames() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(3, Activations.relu(0.1, 6.0, 0.0), 2));
        INDArray out = model.predict(Nd4j.createFromArray(new float[][] {{100, -100}}));
        assertTrue(out.maxNumber().doubleValue() <= 6.0);
    }

    @Test
    void callOnAFloat64LayerWithFloat32RowsUsesTheLayersType() {
        Sequential model = new Sequential().dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).seed(3);
        Dense dense = new Dense(4, "relu", 3);
        model.add(dense);
        INDArray row = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3);
        INDArray viaCall = dense.call(row);
        INDArray viaPredict = model.predict(row);
        assertTrue(viaCall.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).equalsWithEps(viaPredict, 1e-6));
    }
}
