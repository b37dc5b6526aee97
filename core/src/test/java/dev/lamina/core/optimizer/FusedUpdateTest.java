package dev.lamina.core.optimizer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float32 fast path of every optimizer against its plain ND4J formula evaluated in float64, over enough
 * elements to cross chunk boundaries and the split over cores.
 */
class FusedUpdateTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", (Supplier<Optimizer>) () -> new SGD(0.05)),
                Arguments.of("sgd momentum", (Supplier<Optimizer>) () -> new SGD(0.05, 0.9, false)),
                Arguments.of("sgd nesterov", (Supplier<Optimizer>) () -> new SGD(0.05, 0.9, true)),
                Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RMSprop(0.01)),
                Arguments.of("rmsprop momentum", (Supplier<Optimizer>) () -> new RMSprop(0.01, 0.9, 0.5, 1e-7, false)),
                Arguments.of("rmsprop centered", (Supplier<Optimizer>) () -> new RMSprop(0.01, 0.8, 0.3, 1e-7, true)),
                Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.01)),
                Arguments.of("adam amsgrad", (Supplier<Optimizer>) () -> new Adam(0.01, 0.8, 0.99, 1e-7, true)),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(0.01, 0.1)),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(0.05)),
                Arguments.of("nadam", (Supplier<Optimizer>) () -> new Nadam(0.01)),
                Arguments.of("adamax", (Supplier<Optimizer>) () -> new Adamax(0.01, 0.9, 0.5, 1e-7)),
                Arguments.of("adadelta", (Supplier<Optimizer>) () -> new Adadelta(1.0)),
                Arguments.of("lion", (Supplier<Optimizer>) () -> new Lion(0.001)),
                Arguments.of("ftrl", (Supplier<Optimizer>) () -> new Ftrl(0.05, -0.5, 0.1, 0.01, 0.01, 0.01, 0.1)),
                Arguments.of("ftrl power", (Supplier<Optimizer>) () -> new Ftrl(0.05, -0.3, 0.2, 0.0, 0.0, 0.0, 0.0)),
                Arguments.of("sgd weight decay", (Supplier<Optimizer>) () -> new SGD(0.05).weightDecay(0.1)),
                Arguments.of("sgd momentum weight decay",
                        (Supplier<Optimizer>) () -> new SGD(0.05, 0.9, true).weightDecay(0.1)),
                Arguments.of("adam weight decay", (Supplier<Optimizer>) () -> new Adam(0.01).weightDecay(0.1)),
                Arguments.of("lion weight decay", (Supplier<Optimizer>) () -> new Lion(0.001).weightDecay(0.5)));
    }

    @org.junit.jupiter.api.Test
    void slotsDecayingTowardsSubnormalsAreFlushedBeforeReachingThem() {
        int every = FusedUpdate.flushInterval(0.9);
        assertTrue(FusedUpdate.FLUSH_BELOW * Math.pow(0.9, every) >= Float.MIN_NORMAL, "no subnormal between flushes");
        assertTrue(every > 30, "flushes are rare: every " + every + " steps");
        assertTrue(FusedUpdate.flushInterval(1.0) == Integer.MAX_VALUE);
        Adam adam = new Adam(0.01);
        INDArray w = Nd4j.ones(DataType.FLOAT, 1, 8);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 1, 8);
        g.putScalar(0, 1.0);
        adam.step(w, g, List.of(g));
        g.putScalar(0, 0.0);
        for (int step = 0; step < 1200; step++) { // m decays by 0.9 a step: 1e-1 * 0.9^1200 is far below 2^-126
            adam.step(w, g, List.of(g));
        }
        float m = adam.state().get("m").getFloat(0);
        assertTrue(m == 0f, "the first moment was flushed to zero, not left subnormal: " + m);
        assertTrue(adam.state().get("v").getFloat(0) > 0f, "the slower second moment is still above the threshold");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void fastPathEqualsThePlainFormulaInFloat64(String label, Supplier<Optimizer> make) {
        assertFastEqualsPlain(label, make, 4);
    }

    /**
     * With Keras's base options on, the update still runs fused; the gradient accumulation and the moving average
     * ({@link MovingAverage}'s Java pass) around it must give the plain result: 7 steps cross two accumulation
     * boundaries and two overwrites of the weights by their average.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void fastPathWithEmaAndGradientAccumulationEqualsThePlainFormula(String label, Supplier<Optimizer> make) {
        assertFastEqualsPlain(label + " ema accumulation", () -> make.get().useEma(true).emaMomentum(0.9)
                .emaOverwriteFrequency(2).gradientAccumulationSteps(2), 7);
        assertFastEqualsPlain(label + " ema", () -> make.get().useEma(true).emaMomentum(0.8), 3);
    }

    private static void assertFastEqualsPlain(String label, Supplier<Optimizer> make, int steps) {
        int n = 150_001; // odd, several chunks per core, above the parallel threshold
        Random random = new Random(label.hashCode());
        double[] w0 = new double[n];
        for (int i = 0; i < n; i++) {
            w0[i] = random.nextGaussian();
        }
        Optimizer fast = make.get();
        Optimizer plain = make.get();
        INDArray wFast = Nd4j.createFromArray(w0).castTo(DataType.FLOAT).reshape(1, n);
        INDArray wPlain = wFast.castTo(DataType.DOUBLE); // the same rounded start for both
        assertNotNull(fast.fusedStep(wFast, 1), label + " has a fast path");
        float[] hostCopy = new float[n];
        for (int step = 0; step < steps; step++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = random.nextGaussian() * (i % 7 == 0 ? 0.0 : 0.5); // some exact zeros, as in sparse input
            }
            INDArray gFloat = Nd4j.createFromArray(g).castTo(DataType.FLOAT).reshape(1, n);
            INDArray gDouble = gFloat.castTo(DataType.DOUBLE); // the same rounded gradient for both
            fast.step(wFast, gFloat, List.of(gFloat), hostCopy);
            plain.step(wPlain, gDouble, List.of(gDouble));
        }
        float[] got = wFast.data().asFloat();
        double[] expected = wPlain.data().asDouble();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double error = Math.abs(got[i] - expected[i]) / (1 + Math.abs(w0[i])); // float32 rounding of values ~|w|
            worst = Math.max(worst, error);
            assertTrue(hostCopy[i] == got[i], "host copy differs at " + i);
        }
        assertTrue(worst < 1e-6, label + ": worst error " + worst + " (in units of 1 + |w|)");
        if (fast.useEma()) {
            INDArray averageFast = fast.state().get("average").castTo(DataType.DOUBLE);
            INDArray averagePlain = plain.state().get("average");
            double worstAverage = Transforms.abs(averageFast.sub(averagePlain)).maxNumber().doubleValue();
            assertTrue(worstAverage < 1e-5, label + ": worst error of the average " + worstAverage);
        }
        assertTrue(wFast.castTo(DataType.DOUBLE).distance2(Nd4j.createFromArray(w0).reshape(1, n)) > 1e-3,
                label + " moved the weights");
    }
}
