package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.OptimizersTest.SIX_GRADS;
import static dev.lamina.core.optimizer.OptimizersTest.W0;
import static dev.lamina.core.optimizer.OptimizersTest.assertClose;
import static dev.lamina.core.optimizer.OptimizersTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Nadam against Keras 3's {@code nadam.py}, written out in float64 with its {@code u_product} variable. */
class NadamTest {

    static double[] keras(double lr, double beta1, double beta2, double eps, double[][] grads) {
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        double uProduct = 1.0; // Keras's _u_product, a variable starting at 1
        for (int iterations = 0; iterations < grads.length; iterations++) {
            // _backend_update_step: u_product *= beta_1 (1 - 0.5 * 0.96^(iterations + 1)), before update_step
            uProduct = uProduct * beta1 * (1.0 - 0.5 * Math.pow(0.96, iterations + 1));
            double localStep = iterations + 1;
            double nextStep = iterations + 2;
            double uT = beta1 * (1.0 - 0.5 * Math.pow(0.96, localStep));
            double uT1 = beta1 * (1.0 - 0.5 * Math.pow(0.96, nextStep));
            double uProductT1 = uProduct * uT1;
            double beta2Power = Math.pow(beta2, localStep);
            for (int i = 0; i < 3; i++) {
                double g = grads[iterations][i];
                m[i] += (g - m[i]) * (1 - beta1);
                v[i] += (g * g - v[i]) * (1 - beta2);
                double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g / (1 - uProduct);
                double vHat = v[i] / (1 - beta2Power);
                w[i] -= mHat * lr / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    @Test
    void followsKerasWithTheMomentumScheduleOverSixSteps() {
        assertClose(keras(0.001, 0.9, 0.999, 1e-7, SIX_GRADS), run(new Nadam(), SIX_GRADS));
        assertClose(keras(0.01, 0.8, 0.99, 1e-6, SIX_GRADS), run(new Nadam(0.01, 0.8, 0.99, 1e-6), SIX_GRADS));
    }

    @Test
    void restoredStateContinuesTheScheduleExactly() {
        INDArray straight = Nd4j.createFromArray(W0);
        INDArray resumed = Nd4j.createFromArray(W0);
        Nadam first = new Nadam(0.01);
        Nadam whole = new Nadam(0.01);
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.createFromArray(SIX_GRADS[t]);
            first.step(resumed, g, List.of(g));
            whole.step(straight, g, List.of(g));
        }
        Map<String, INDArray> saved = new LinkedHashMap<>();
        first.state().forEach((name, slot) -> saved.put(name, slot.dup()));
        assertEquals(List.of("momentum", "velocity"), List.copyOf(saved.keySet()));
        Nadam second = new Nadam(0.01);
        second.restoreState(saved, first.iterations());
        for (int t = 3; t < 6; t++) {
            INDArray g = Nd4j.createFromArray(SIX_GRADS[t]);
            second.step(resumed, g, List.of(g));
            whole.step(straight, g, List.of(g));
        }
        assertArrayEquals(straight.toDoubleVector(), resumed.toDoubleVector());
        assertClose(keras(0.01, 0.9, 0.999, 1e-7, SIX_GRADS), resumed.toDoubleVector());
    }

    @Test
    void badHyperParametersAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Nadam(0.001, 1.0, 0.999, 1e-7));
        assertEquals("nadam: need 0 <= beta_1, beta_2 < 1 and epsilon > 0. Received: beta_1=1.0, beta_2=0.999, "
                + "epsilon=1.0E-7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Nadam(0.001, 0.9, 0.999, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Nadam(Double.NaN));
    }
}
