package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.OptimizersTest.SIX_GRADS;
import static dev.lamina.core.optimizer.OptimizersTest.W0;
import static dev.lamina.core.optimizer.OptimizersTest.assertClose;
import static dev.lamina.core.optimizer.OptimizersTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adadelta against Keras 3's {@code adadelta.py}, written out in float64. */
class AdadeltaTest {

    static double[] keras(double lr, double rho, double eps, double[][] grads) {
        double[] w = W0.clone();
        double[] accumulatedGrad = new double[3];
        double[] accumulatedDeltaVar = new double[3];
        for (double[] step : grads) {
            for (int i = 0; i < 3; i++) {
                double g = step[i];
                accumulatedGrad[i] = rho * accumulatedGrad[i] + (1 - rho) * g * g;
                double deltaVar = -(Math.sqrt(accumulatedDeltaVar[i] + eps) * g) / Math.sqrt(accumulatedGrad[i] + eps);
                accumulatedDeltaVar[i] = rho * accumulatedDeltaVar[i] + (1 - rho) * deltaVar * deltaVar;
                w[i] += lr * deltaVar;
            }
        }
        return w;
    }

    @Test
    void followsKerasOverSixSteps() {
        assertClose(keras(0.001, 0.95, 1e-7, SIX_GRADS), run(new Adadelta(), SIX_GRADS));
        assertClose(keras(1.0, 0.9, 1e-6, SIX_GRADS), run(new Adadelta(1.0, 0.9, 1e-6), SIX_GRADS));
    }

    @Test
    void badHyperParametersAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adadelta(1.0, 1.0, 1e-7));
        assertEquals("adadelta: need 0 <= rho < 1 and epsilon > 0. Received: rho=1.0, epsilon=1.0E-7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adadelta(1.0, 0.95, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Adadelta(Double.POSITIVE_INFINITY));
    }
}
