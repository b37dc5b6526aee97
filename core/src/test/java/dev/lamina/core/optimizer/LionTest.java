package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.OptimizersTest.SIX_GRADS;
import static dev.lamina.core.optimizer.OptimizersTest.W0;
import static dev.lamina.core.optimizer.OptimizersTest.assertClose;
import static dev.lamina.core.optimizer.OptimizersTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Lion against Keras 3's {@code lion.py}, written out in float64. */
class LionTest {

    static double[] keras(double lr, double beta1, double beta2, double[][] grads) {
        double[] w = W0.clone();
        double[] m = new double[3];
        for (double[] step : grads) {
            for (int i = 0; i < 3; i++) {
                double g = step[i];
                w[i] -= lr * Math.signum(m[i] * beta1 + g * (1.0 - beta1));
                m[i] = m[i] * beta2 + g * (1.0 - beta2);
            }
        }
        return w;
    }

    @Test
    void followsKerasOverSixSteps() {
        assertClose(keras(0.001, 0.9, 0.99, SIX_GRADS), run(new Lion(), SIX_GRADS));
        assertClose(keras(0.01, 0.5, 0.9, SIX_GRADS), run(new Lion(0.01, 0.5, 0.9), SIX_GRADS));
    }

    @Test
    void everyWeightMovesByTheLearningRateOrNotAtAll() {
        double[][] first = {{0.3, 0.0, -1e-9}};
        double[] w = run(new Lion(0.25), first);
        assertClose(new double[] {W0[0] - 0.25, W0[1], W0[2] + 0.25}, w);
    }

    @Test
    void betaOneOutsideZeroToOneIsRejectedAsInKeras() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lion(0.001, 0.0, 0.99));
        assertEquals("lion: need 0 < beta_1 <= 1 (otherwise Lion degenerates to SignSGD) and 0 <= beta_2 <= 1. "
                + "Received: beta_1=0.0, beta_2=0.99", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Lion(0.001, 0.9, 1.1));
        assertThrows(IllegalArgumentException.class, () -> new Lion(-1));
    }
}
