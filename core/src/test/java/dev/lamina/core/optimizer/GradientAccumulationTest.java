package dev.lamina.core.optimizer;

import static dev.lamina.core.optimizer.UseEmaTest.assertClose;
import static dev.lamina.core.optimizer.UseEmaTest.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.schedule.ExponentialDecay;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 3's {@code gradient_accumulation_steps} against a float64 transcription of
 * {@code BaseOptimizer._backend_apply_gradients} (keras/src/optimizers/base_optimizer.py): the n-th step updates with
 * {@code (g + acc) / n}, the others only add to the accumulator; {@code _iterations} counts every step (the schedule
 * reads it), the update rule's {@code iterations + 1} counts updates.
 */
class GradientAccumulationTest {

    private static final int N = 4;

    @Test
    void adamUpdatesEveryNStepsWithTheMeanGradientAndCountsUpdatesForItsBiasCorrection() {
        Optimizer adam = new Adam(0.01).gradientAccumulationSteps(3);
        Random random = new Random(3);
        double[] w = gaussian(random, N);
        double[] m = new double[N];
        double[] v = new double[N];
        double[] acc = new double[N];
        INDArray params = Nd4j.createFromArray(w.clone()).reshape(1, N);
        for (int t = 0; t < 8; t++) {
            double[] g = gaussian(random, N);
            INDArray grads = Nd4j.createFromArray(g.clone()).reshape(1, N);
            adam.step(params, grads, List.of(grads));
            if ((t + 1) % 3 == 0) {
                long k = (t + 1) / 3; // Keras: iterations + 1 = _iterations // n + 1
                double alpha = 0.01 * Math.sqrt(1 - Math.pow(0.999, k)) / (1 - Math.pow(0.9, k));
                for (int i = 0; i < N; i++) {
                    double mean = (g[i] + acc[i]) / 3;
                    acc[i] = 0;
                    m[i] += (mean - m[i]) * (1 - 0.9);
                    v[i] += (mean * mean - v[i]) * (1 - 0.999);
                    w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + 1e-7);
                }
            } else {
                for (int i = 0; i < N; i++) {
                    acc[i] += g[i];
                }
            }
            assertClose(w, params, "weights after step " + (t + 1));
            assertClose(acc, adam.state().get("gradient_accumulator"), "accumulator after step " + (t + 1));
            assertEquals(t + 1, adam.iterations(), "iterations count every step");
        }
    }

    @Test
    void scheduleReadsEveryStepWhileClippingAndWeightDecayApplyToTheMeanAtTheUpdate() {
        Optimizer sgd = new SGD(0.1).learningRateSchedule(new ExponentialDecay(0.1, 1, 0.5)).weightDecay(0.2)
                .globalClipnorm(0.3).gradientAccumulationSteps(2);
        Random random = new Random(4);
        double[] w = gaussian(random, N);
        double[] acc = new double[N];
        INDArray params = Nd4j.createFromArray(w.clone()).reshape(1, N);
        for (int t = 0; t < 6; t++) {
            double[] g = gaussian(random, N);
            INDArray grads = Nd4j.createFromArray(g.clone()).reshape(1, N);
            sgd.step(params, grads, List.of(grads));
            if ((t + 1) % 2 == 0) {
                double lr = 0.1 * Math.pow(0.5, t); // schedule(_iterations), the real step count
                double[] mean = new double[N];
                double norm = 0;
                for (int i = 0; i < N; i++) {
                    mean[i] = (g[i] + acc[i]) / 2;
                    acc[i] = 0;
                    norm += mean[i] * mean[i];
                }
                double scale = Math.sqrt(norm) > 0.3 ? 0.3 / Math.sqrt(norm) : 1.0;
                for (int i = 0; i < N; i++) {
                    w[i] -= w[i] * 0.2 * lr;
                    w[i] -= lr * mean[i] * scale;
                }
            } else {
                for (int i = 0; i < N; i++) {
                    acc[i] += g[i]; // unclipped, as Keras accumulates the raw gradients
                }
            }
            assertClose(w, params, "weights after step " + (t + 1));
        }
    }

    @Test
    void emaCountsUpdatesAndMovesOnEveryStep() {
        Optimizer sgd = new SGD(0.1).gradientAccumulationSteps(2).useEma(true).emaMomentum(0.5)
                .emaOverwriteFrequency(2);
        Random random = new Random(5);
        double[] w = gaussian(random, N);
        double[] acc = new double[N];
        double[] average = new double[N];
        INDArray params = Nd4j.createFromArray(w.clone()).reshape(1, N);
        for (int t = 0; t < 9; t++) {
            double[] g = gaussian(random, N);
            INDArray grads = Nd4j.createFromArray(g.clone()).reshape(1, N);
            sgd.step(params, grads, List.of(grads));
            for (int i = 0; i < N; i++) {
                if ((t + 1) % 2 == 0) {
                    w[i] -= 0.1 * (g[i] + acc[i]) / 2;
                    acc[i] = 0;
                } else {
                    acc[i] += g[i];
                }
            }
            long iterations = t / 2; // Keras's iterations property: _iterations // n
            double momentum = iterations != 0 ? 0.5 : 0.0;
            for (int i = 0; i < N; i++) {
                average[i] = momentum * average[i] + (1 - momentum) * w[i];
            }
            if ((iterations + 1) % 2 == 0) {
                System.arraycopy(average, 0, w, 0, N);
            }
            assertClose(average, sgd.state().get("average"), "average after step " + (t + 1));
            assertClose(w, params, "weights after step " + (t + 1));
        }
    }

    @Test
    void restoredStateResumesMidAccumulationIdentically() {
        Random random = new Random(6);
        INDArray start = Nd4j.createFromArray(gaussian(random, N)).reshape(1, N);
        Optimizer first = new Nadam(0.01).gradientAccumulationSteps(3).useEma(true).emaOverwriteFrequency(2);
        INDArray a = start.dup();
        List<INDArray> gradients = new java.util.ArrayList<>();
        for (int t = 0; t < 12; t++) {
            gradients.add(Nd4j.createFromArray(gaussian(random, N)).reshape(1, N));
        }
        for (int t = 0; t < 5; t++) { // 5 % 3 = 2: mid-accumulation
            INDArray g = gradients.get(t).dup();
            first.step(a, g, List.of(g));
        }
        Optimizer second = new Nadam(0.01).gradientAccumulationSteps(3).useEma(true).emaOverwriteFrequency(2);
        java.util.Map<String, INDArray> saved = new java.util.LinkedHashMap<>();
        first.state().forEach((name, array) -> saved.put(name, array.dup()));
        assertTrue(saved.keySet().containsAll(List.of("average", "gradient_accumulator")), saved.keySet().toString());
        second.restoreState(saved, first.iterations());
        INDArray b = a.dup();
        for (int t = 5; t < 12; t++) {
            INDArray g = gradients.get(t).dup();
            first.step(a, g, List.of(g));
            INDArray g2 = gradients.get(t).dup();
            second.step(b, g2, List.of(g2));
        }
        assertEquals(a, b);
        assertEquals(first.state(), second.state());
        assertThrows(IllegalArgumentException.class, () -> new Nadam(0.01).useEma(true).restoreState(saved, 5),
                "a gradient_accumulator needs gradient_accumulation_steps");
    }
}
