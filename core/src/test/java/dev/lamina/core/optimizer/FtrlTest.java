package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.OptimizersTest.SIX_GRADS;
import static dev.lamina.core.optimizer.OptimizersTest.W0;
import static dev.lamina.core.optimizer.OptimizersTest.assertClose;
import static dev.lamina.core.optimizer.OptimizersTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ftrl against Keras 3's {@code ftrl.py}, written out in float64. */
class FtrlTest {

    /** Keras's update_step with its argument names. */
    static double[] keras(double lr, double lrPower, double initialAccumulatorValue, double l1, double l2,
                          double l2Shrinkage, double beta, double[][] grads) {
        double[] w = W0.clone();
        double[] accum = new double[3];
        java.util.Arrays.fill(accum, initialAccumulatorValue);
        double[] linear = new double[3];
        for (double[] step : grads) {
            double l2Reg = l2 + beta / (2.0 * lr);
            for (int i = 0; i < 3; i++) {
                double g = step[i];
                double gradToUse = g + 2 * l2Shrinkage * w[i];
                double newAccum = accum[i] + g * g;
                linear[i] += gradToUse - (Math.pow(newAccum, -lrPower) - Math.pow(accum[i], -lrPower)) / lr * w[i];
                double quadratic = Math.pow(newAccum, -lrPower) / lr + 2 * l2Reg;
                double linearClipped = Math.min(Math.max(linear[i], -l1), l1);
                w[i] = (linearClipped - linear[i]) / quadratic;
                accum[i] = newAccum;
            }
        }
        return w;
    }

    @Test
    void followsKerasWithItsDefaultsOverSixSteps() {
        assertClose(keras(0.001, -0.5, 0.1, 0, 0, 0, 0, SIX_GRADS), run(new Ftrl(), SIX_GRADS));
        assertClose(keras(0.1, -0.5, 0.1, 0, 0, 0, 0, SIX_GRADS), run(new Ftrl(0.1), SIX_GRADS));
    }

    @Test
    void followsKerasWithL1L2ShrinkageBetaAndAnotherPower() {
        double[] expected = keras(0.1, -0.3, 0.2, 0.05, 0.02, 0.1, 0.5, SIX_GRADS);
        assertClose(expected, run(new Ftrl(0.1, -0.3, 0.2, 0.05, 0.02, 0.1, 0.5), SIX_GRADS));
        assertClose(keras(0.1, 0.0, 0.0, 0.01, 0.0, 0.0, 0.0, SIX_GRADS),
                run(new Ftrl(0.1, 0.0, 0.0, 0.01, 0.0, 0.0, 0.0), SIX_GRADS)); // a fixed learning rate
        assertClose(keras(0.1, -1.0, 0.1, 0.0, 0.0, 0.0, 0.0, SIX_GRADS),
                run(new Ftrl(0.1, -1.0, 0.1, 0.0, 0.0, 0.0, 0.0), SIX_GRADS));
    }

    @Test
    void weightsWhoseLinearTermStaysWithinL1AreExactlyZero() {
        double[] w = run(new Ftrl(0.1, -0.5, 0.1, 0.3, 0.0, 0.0, 0.0), new double[][] {{0.1, -0.2, 0.3}});
        double[] expected = keras(0.1, -0.5, 0.1, 0.3, 0.0, 0.0, 0.0, new double[][] {{0.1, -0.2, 0.3}});
        assertClose(expected, w);
        long zeros = java.util.Arrays.stream(w).filter(x -> x == 0.0).count();
        assertTrue(zeros >= 1 && zeros < 3, "some weights are exactly 0, not all: " + java.util.Arrays.toString(w));
        double[] all = run(new Ftrl(0.1, -0.5, 0.1, 100.0, 0.0, 0.0, 0.0), SIX_GRADS);
        assertClose(new double[3], all);
    }

    @Test
    void badHyperParametersAreRejectedWithTheValues() {
        IllegalArgumentException power = assertThrows(IllegalArgumentException.class,
                () -> new Ftrl(0.1, 0.5, 0.1, 0, 0, 0, 0));
        assertEquals("ftrl: learning_rate_power must be a number <= 0. Received: learning_rate_power=0.5",
                power.getMessage());
        IllegalArgumentException l1 = assertThrows(IllegalArgumentException.class,
                () -> new Ftrl(0.1, -0.5, 0.1, -1, 0, 0, 0));
        assertEquals("ftrl: l1_regularization_strength must be a number >= 0. Received: "
                + "l1_regularization_strength=-1.0", l1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1, -0.5, -0.1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1, -0.5, 0.1, 0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1, -0.5, 0.1, 0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.1, -0.5, 0.1, 0, 0, 0, -1));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Ftrl(0.0));
        assertEquals("ftrl: learning_rate must be > 0 (FTRL divides by it). Received: 0.0", zero.getMessage());
        Ftrl ftrl = new Ftrl(0.1);
        assertThrows(IllegalArgumentException.class, () -> ftrl.setLearningRate(0.0));
        assertEquals(0.1, ftrl.learningRate());
    }
}
