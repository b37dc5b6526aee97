package dev.lamina.core.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code use_ema}, {@code ema_momentum} and {@code ema_overwrite_frequency} against a float64 transcription
 * of keras/src/optimizers/base_optimizer.py ({@code _update_model_variables_moving_average},
 * {@code _overwrite_model_variables_with_average_value}, {@code finalize_variable_values}).
 */
class UseEmaTest {

    private static final int N = 5;

    @Test
    void averageFollowsKerasEquationsAndOverwritesTheWeightsEveryFrequencySteps() {
        Optimizer sgd = new SGD(0.1).useEma(true).emaMomentum(0.9).emaOverwriteFrequency(3);
        Random random = new Random(1);
        double[] w = gaussian(random, N);
        double[] average = new double[N]; // Keras: zeros; the first step's momentum is 0
        INDArray params = Nd4j.createFromArray(w.clone()).reshape(1, N);
        for (int t = 0; t < 8; t++) {
            double[] g = gaussian(random, N);
            INDArray grads = Nd4j.createFromArray(g.clone()).reshape(1, N);
            sgd.step(params, grads, List.of(grads));
            double momentum = t != 0 ? 0.9 : 0.0; // not_first_step = iterations != 0 (before the increment)
            for (int i = 0; i < N; i++) {
                w[i] -= 0.1 * g[i];
                average[i] = momentum * average[i] + (1 - momentum) * w[i];
            }
            if ((t + 1) % 3 == 0) { // (iterations + 1) % ema_overwrite_frequency == 0
                System.arraycopy(average, 0, w, 0, N);
            }
            assertClose(average, sgd.state().get("average"), "average after step " + (t + 1));
            assertClose(w, params, "weights after step " + (t + 1));
        }
        assertEquals(8, sgd.iterations());
    }

    @Test
    void withoutOverwriteFrequencyTheWeightsTrainAsWithoutEma() {
        Random random = new Random(2);
        double[] w0 = gaussian(random, N);
        Optimizer plain = new Adam(0.01);
        Optimizer ema = new Adam(0.01).useEma(true);
        INDArray a = Nd4j.createFromArray(w0.clone()).reshape(1, N);
        INDArray b = Nd4j.createFromArray(w0.clone()).reshape(1, N);
        for (int t = 0; t < 5; t++) {
            INDArray g = Nd4j.createFromArray(gaussian(random, N)).reshape(1, N);
            INDArray g2 = g.dup();
            plain.step(a, g, List.of(g));
            ema.step(b, g2, List.of(g2));
        }
        assertEquals(a, b);
        assertFalse(b.equals(ema.state().get("average")), "the average lags the weights");
        assertTrue(ema.finalizeVariableValues(b));
        assertEquals(ema.state().get("average"), b);
        assertFalse(plain.finalizeVariableValues(a), "without use_ema, finalize changes nothing");
    }

    @Test
    void momentumOneKeepsTheFirstWeightsAndZeroFollowsThem() {
        INDArray w = Nd4j.createFromArray(1.0, 2.0).reshape(1, 2);
        Optimizer frozen = new SGD(0.5).useEma(true).emaMomentum(1.0);
        Optimizer follows = new SGD(0.5).useEma(true).emaMomentum(0.0);
        INDArray w2 = w.dup();
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.createFromArray(1.0, -1.0).reshape(1, 2);
            frozen.step(w, g, List.of(g));
            INDArray g2 = g.dup();
            follows.step(w2, g2, List.of(g2));
        }
        assertEquals(Nd4j.createFromArray(0.5, 2.5).reshape(1, 2), frozen.state().get("average"));
        assertEquals(w2, follows.state().get("average"));
    }

    @Test
    void configHasTheKeysOnlyWhenSetAndRoundTrips() {
        Map<String, Double> plain = new Adam().config();
        assertFalse(plain.containsKey("use_ema") || plain.containsKey("ema_momentum")
                || plain.containsKey("ema_overwrite_frequency") || plain.containsKey("gradient_accumulation_steps"));
        assertFalse(new Adam().useEma(true).config().containsKey("ema_overwrite_frequency"));
        Optimizer set = new Nadam(0.002).useEma(true).emaMomentum(0.95).emaOverwriteFrequency(7)
                .gradientAccumulationSteps(4);
        Map<String, Double> config = set.config();
        assertEquals(1.0, config.get("use_ema"));
        assertEquals(0.95, config.get("ema_momentum"));
        assertEquals(7.0, config.get("ema_overwrite_frequency"));
        assertEquals(4.0, config.get("gradient_accumulation_steps"));
        Optimizer loaded = Optimizers.get("nadam", config);
        assertEquals(config, loaded.config());
        assertTrue(loaded.useEma());
        assertEquals(7, loaded.emaOverwriteFrequency());
        assertEquals(4, loaded.gradientAccumulationSteps());
    }

    @Test
    void badValuesAreRefusedWithKerasMessages() {
        IllegalArgumentException momentum = assertThrows(IllegalArgumentException.class,
                () -> new Adam().emaMomentum(1.5));
        assertTrue(momentum.getMessage().contains("ema_momentum must be in the range [0, 1]. Received: "
                + "ema_momentum=1.5"), momentum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().emaMomentum(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam().emaMomentum(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam().emaOverwriteFrequency(-1));
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> new SGD().gradientAccumulationSteps(1));
        assertTrue(steps.getMessage().contains("gradient_accumulation_steps must be an integer >= 2"),
                steps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().gradientAccumulationSteps(-3));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.get("sgd", Map.of("gradient_accumulation_steps", 2.5)));
        assertTrue(fraction.getMessage().contains("Received: gradient_accumulation_steps=2.5"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.get("adam", Map.of("use_ema", 1.0, "ema_overwrite_frequency", 0.5)));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.get("adam", Map.of("use_ema", 1.0, "ema_momentum", 2.0)));
    }

    @Test
    void savedAverageNeedsUseEma() {
        Optimizer ema = new SGD(0.1).useEma(true);
        INDArray w = Nd4j.createFromArray(1.0, 2.0).reshape(1, 2);
        INDArray g = Nd4j.createFromArray(1.0, 1.0).reshape(1, 2);
        ema.step(w, g, List.of(g));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SGD(0.1).restoreState(ema.state(), ema.iterations()));
        assertTrue(error.getMessage().contains("use_ema is off"), error.getMessage());
        Optimizer restored = new SGD(0.1).useEma(true);
        restored.restoreState(ema.state(), ema.iterations());
        assertEquals(ema.state(), restored.state());
        ema.useEma(false);
        assertFalse(ema.state().containsKey("average"), "turned off, the average is no longer state");
        new SGD(0.1).restoreState(ema.state(), ema.iterations());
    }

    static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    static void assertClose(double[] expected, INDArray actual, String what) {
        double[] got = actual.castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-12 * (1 + Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
