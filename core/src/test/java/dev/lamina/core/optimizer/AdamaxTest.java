package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.OptimizersTest.SIX_GRADS;
import static dev.lamina.core.optimizer.OptimizersTest.W0;
import static dev.lamina.core.optimizer.OptimizersTest.assertClose;
import static dev.lamina.core.optimizer.OptimizersTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adamax against Keras 3's {@code adamax.py}, written out in float64. */
class AdamaxTest {

    static double[] keras(double lr, double beta1, double beta2, double eps, double[][] grads) {
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] u = new double[3];
        for (int iterations = 0; iterations < grads.length; iterations++) {
            double beta1Power = Math.pow(beta1, iterations + 1);
            for (int i = 0; i < 3; i++) {
                double g = grads[iterations][i];
                m[i] += (g - m[i]) * (1 - beta1);
                u[i] = Math.max(beta2 * u[i], Math.abs(g));
                w[i] -= lr * m[i] / ((1 - beta1Power) * (u[i] + eps));
            }
        }
        return w;
    }

    @Test
    void followsKerasWithTheInfinityNormOverSixSteps() {
        assertClose(keras(0.001, 0.9, 0.999, 1e-7, SIX_GRADS), run(new Adamax(), SIX_GRADS));
        // a fast-decaying norm, so that max(beta_2 u, |g|) takes both branches
        assertClose(keras(0.02, 0.8, 0.5, 1e-6, SIX_GRADS), run(new Adamax(0.02, 0.8, 0.5, 1e-6), SIX_GRADS));
    }

    @Test
    void badHyperParametersAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adamax(0.001, 0.9, 1.5, 1e-7));
        assertEquals("adamax: need 0 <= beta_1 < 1, 0 <= beta_2 <= 1 and epsilon > 0. Received: beta_1=0.9, "
                + "beta_2=1.5, epsilon=1.0E-7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adamax(0.001, 1.0, 0.999, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new Adamax(-0.001));
    }
}
