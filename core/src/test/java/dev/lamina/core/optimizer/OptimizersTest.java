package dev.lamina.core.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** First steps of each optimizer against Keras's update equations, evaluated by hand in double precision. */
class OptimizersTest {

    static final double[] W0 = {0.5, -1.0, 2.0};
    static final double[][] GRADS = {{0.1, -0.2, 0.3}, {0.4, 0.1, -0.5}, {-0.3, 0.2, 0.05}};
    /** Six steps with zeros and a large value, for the optimizers whose schedules change over steps. */
    static final double[][] SIX_GRADS = {{0.1, -0.2, 0.3}, {0.4, 0.1, -0.5}, {-0.3, 0.2, 0.05}, {0.0, -0.7, 0.2},
            {1.5, 0.0, -0.1}, {-0.05, 0.3, 0.0}};

    static double[] run(Optimizer optimizer, int steps) {
        return run(optimizer, java.util.Arrays.copyOf(GRADS, steps));
    }

    /** One float64 step per row of {@code grads} from {@link #W0} (the plain ND4J formula). */
    static double[] run(Optimizer optimizer, double[][] grads) {
        INDArray w = Nd4j.createFromArray(W0);
        for (double[] row : grads) {
            INDArray g = Nd4j.createFromArray(row);
            optimizer.step(w, g, List.of(g));
        }
        return w.toDoubleVector();
    }

    static void assertClose(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "index " + i);
        }
    }

    @Test
    void sgdWithNesterovMomentumFollowsKeras() {
        double lr = 0.1;
        double mu = 0.9;
        double[] w = W0.clone();
        double[] m = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                m[i] = mu * m[i] - lr * GRADS[t][i];
                w[i] += mu * m[i] - lr * GRADS[t][i];
            }
        }
        assertClose(w, run(new SGD(lr, mu, true), 3));
    }

    @Test
    void sgdWithoutMomentumSubtractsTheScaledGradient() {
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W0[i] - 0.01 * GRADS[0][i];
        }
        assertClose(expected, run(new SGD(), 1));
    }

    @Test
    void rmspropPutsEpsilonInsideTheSquareRoot() {
        double lr = 0.001;
        double rho = 0.9;
        double eps = 1e-7;
        double[] w = W0.clone();
        double[] v = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t][i];
                v[i] = rho * v[i] + (1 - rho) * g * g;
                w[i] -= lr * g / Math.sqrt(v[i] + eps);
            }
        }
        assertClose(w, run(new RMSprop(), 3));
    }

    @Test
    void rmspropFusedFloat32PathFollowsTheSameEquations() {
        int n = 100_000; // large enough for the fused, multi-threaded loop
        java.util.Random random = new java.util.Random(3);
        float[] w0 = new float[n];
        float[][] grads = new float[3][n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) random.nextGaussian();
            for (int t = 0; t < 3; t++) {
                grads[t][i] = i % 7 == 0 ? 0f : (float) random.nextGaussian();
            }
        }
        INDArray w = Nd4j.createFromArray(w0).reshape(1, n);
        Optimizer rmsprop = new RMSprop(0.01);
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.createFromArray(grads[t]).reshape(1, n);
            rmsprop.step(w, g, List.of(g));
        }
        float[] got = w.toFloatVector();
        for (int i = 0; i < n; i += 997) {
            double wi = w0[i];
            double v = 0;
            for (int t = 0; t < 3; t++) {
                double g = grads[t][i];
                v = 0.9 * v + 0.1 * g * g;
                wi -= 0.01 * g / Math.sqrt(v + 1e-7);
            }
            assertEquals(wi, got[i], 1e-5, "index " + i);
        }
    }

    @Test
    void centeredRmspropWithMomentumFollowsKeras() {
        double lr = 0.01;
        double rho = 0.8;
        double mom = 0.5;
        double eps = 1e-7;
        double[] w = W0.clone();
        double[] v = new double[3];
        double[] a = new double[3];
        double[] m = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t][i];
                v[i] = rho * v[i] + (1 - rho) * g * g;
                a[i] = rho * a[i] + (1 - rho) * g;
                double inc = lr * g / Math.sqrt(v[i] - a[i] * a[i] + eps);
                m[i] = mom * m[i] + inc;
                w[i] -= m[i];
            }
        }
        assertClose(w, run(new RMSprop(lr, rho, mom, eps, true), 3));
    }

    static double[] adam(double lr, double b1, double b2, double eps, boolean amsgrad, double decay) {
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vHat = new double[3];
        for (int t = 1; t <= 3; t++) {
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 3; i++) {
                w[i] -= w[i] * lr * decay;
                double g = GRADS[t - 1][i];
                m[i] += (g - m[i]) * (1 - b1);
                v[i] += (g * g - v[i]) * (1 - b2);
                vHat[i] = Math.max(vHat[i], v[i]);
                w[i] -= alpha * m[i] / (Math.sqrt(amsgrad ? vHat[i] : v[i]) + eps);
            }
        }
        return w;
    }

    @Test
    void adamUsesBiasCorrectedStepSize() {
        assertClose(adam(0.001, 0.9, 0.999, 1e-7, false, 0), run(new Adam(), 3));
    }

    @Test
    void amsgradKeepsTheMaximumSecondMoment() {
        assertClose(adam(0.01, 0.9, 0.99, 1e-7, true, 0), run(new Adam(0.01, 0.9, 0.99, 1e-7, true), 3));
    }

    @Test
    void adamwDecaysWeightsBeforeTheAdamStep() {
        assertClose(adam(0.01, 0.9, 0.999, 1e-7, false, 0.004), run(new AdamW(0.01, 0.004), 3));
    }

    @Test
    void adamWeightDecayIsAdamW() {
        assertClose(adam(0.01, 0.9, 0.999, 1e-7, false, 0.004), run(new Adam(0.01).weightDecay(0.004), 3));
        assertEquals(0.004, new Adam(0.01).weightDecay(0.004).config().get("weight_decay"));
        assertEquals(false, new Adam(0.01).config().containsKey("weight_decay"), "unset, as before: Keras's None");
        assertEquals(0.004, Optimizers.get("adam", Map.of("weight_decay", 0.004)).weightDecay());
    }

    @Test
    void sgdWeightDecayShrinksWeightsBeforeTheMomentumStepAsKeras3() {
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.05;
        double[] w = W0.clone();
        double[] m = new double[3];
        for (double[] step : SIX_GRADS) {
            for (int i = 0; i < 3; i++) {
                w[i] = w[i] - w[i] * wd * lr; // base_optimizer._apply_weight_decay, before update_step
                m[i] = mu * m[i] - lr * step[i];
                w[i] += m[i];
            }
        }
        assertClose(w, run(new SGD(lr, mu, false).weightDecay(wd), SIX_GRADS));
        double[] plain = W0.clone();
        for (double[] step : SIX_GRADS) {
            for (int i = 0; i < 3; i++) {
                plain[i] = plain[i] - plain[i] * wd * 0.01 - 0.01 * step[i];
            }
        }
        assertClose(plain, run(new SGD().weightDecay(wd), SIX_GRADS));
    }

    @Test
    void weightDecayOfAnyOptimizerDecaysThenTakesItsUsualStep() {
        for (String name : List.of("sgd", "rmsprop", "adam", "adagrad", "nadam", "adamax", "adadelta", "lion",
                "ftrl")) {
            Map<String, Double> config = Map.of("learning_rate", 0.05);
            Optimizer decayed = Optimizers.get(name, config).weightDecay(0.1);
            Optimizer usual = Optimizers.get(name, config);
            INDArray w = Nd4j.createFromArray(W0);
            INDArray expected = Nd4j.createFromArray(W0);
            for (double[] row : SIX_GRADS) {
                INDArray g = Nd4j.createFromArray(row);
                decayed.step(w, g, List.of(g));
                expected.subi(expected.mul(0.1 * 0.05));
                usual.step(expected, g.dup(), List.of(g));
            }
            assertClose(expected.toDoubleVector(), w.toDoubleVector());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD().weightDecay(-1e-4));
        assertEquals("sgd: weight_decay must be a finite number >= 0. Received: -1.0E-4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(0.001, Double.NaN));
    }

    @Test
    void adagradStartsItsAccumulatorAtPointOne() {
        double[] w = W0.clone();
        double[] acc = {0.1, 0.1, 0.1};
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t][i];
                acc[i] += g * g;
                w[i] -= 0.001 * g / Math.sqrt(acc[i] + 1e-7);
            }
        }
        assertClose(w, run(new Adagrad(), 3));
    }

    @Test
    void clipnormRescalesEachTensorToTheNorm() {
        INDArray w = Nd4j.createFromArray(0.0, 0.0);
        INDArray g = Nd4j.createFromArray(3.0, 4.0);
        new SGD(1.0).clipnorm(1.0).step(w, g, List.of(g));
        assertClose(new double[] {-0.6, -0.8}, w.toDoubleVector());
    }

    @Test
    void clipvalueClipsEachElement() {
        INDArray w = Nd4j.createFromArray(0.0, 0.0);
        INDArray g = Nd4j.createFromArray(3.0, -0.25);
        new SGD(1.0).clipvalue(0.5).step(w, g, List.of(g));
        assertClose(new double[] {-0.5, 0.25}, w.toDoubleVector());
    }

    @Test
    void namesAndConfigsRebuildEqualOptimizers() {
        for (Optimizer o : List.of(new SGD(0.1, 0.9, true), new RMSprop(0.01, 0.8, 0.1, 1e-6, true),
                new Adam(0.002, 0.8, 0.9, 1e-6, true), new AdamW(0.01, 0.1), new Adagrad(0.1, 0.2, 1e-6),
                new Nadam(0.002, 0.8, 0.99, 1e-6), new Adamax(0.002, 0.8, 0.99, 1e-6), new Adadelta(1.0, 0.9, 1e-6),
                new Lion(1e-4, 0.95, 0.98), new Ftrl(0.05, -0.3, 0.2, 0.01, 0.02, 0.03, 0.5),
                new SGD(0.1, 0.9, false).weightDecay(0.01), new Adam(0.002).weightDecay(0.004),
                new Lion(1e-4).weightDecay(0.1))) {
            o.clipnorm(2.0);
            assertEquals(o.config(), Optimizers.get(o.name(), o.config()).config(), o.name());
        }
    }

    @Test
    void kerasDefaultsAreUsedByName() {
        assertEquals(0.001, Optimizers.get("rmsprop").learningRate());
        assertEquals(0.9, Optimizers.get("rmsprop").config().get("rho"));
        assertEquals(1e-7, Optimizers.get("adam").config().get("epsilon"));
        assertEquals(0.01, Optimizers.get("sgd").learningRate());
    }

    @Test
    void newerKerasOptimizersHaveKerasDefaultsByName() {
        assertEquals(Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
                Optimizers.get("nadam").config());
        assertEquals(Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
                Optimizers.get("Adamax").config());
        assertEquals(Map.of("learning_rate", 0.001, "rho", 0.95, "epsilon", 1e-7), Optimizers.get("adadelta").config());
        assertEquals(Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.99), Optimizers.get("lion").config());
        assertEquals(Map.of("learning_rate", 0.001, "learning_rate_power", -0.5, "initial_accumulator_value", 0.1,
                "l1_regularization_strength", 0.0, "l2_regularization_strength", 0.0,
                "l2_shrinkage_regularization_strength", 0.0, "beta", 0.0), Optimizers.get("ftrl").config());
        for (String name : List.of("nadam", "adamax", "adadelta", "lion", "ftrl")) {
            assertEquals(name, Optimizers.get(name.toUpperCase(java.util.Locale.ROOT)).name());
        }
    }

    @Test
    void negativeLearningRateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(-1));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.get("adafactor"));
        assertEquals("Unknown optimizer 'adafactor'. Known: sgd, rmsprop, adam, adamw, adagrad, nadam, adamax, "
                + "adadelta, lion, ftrl.", unknown.getMessage());
        for (String name : List.of("nadam", "adamax", "adadelta", "lion", "ftrl")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Optimizers.get(name, Map.of("learning_rate", -0.1)));
            assertEquals(name + ": learning_rate must be " + (name.equals("ftrl") ? "> 0 (FTRL divides by it)"
                    : "a finite number >= 0") + ". Received: -0.1", e.getMessage());
        }
    }
}
