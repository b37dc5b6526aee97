package dev.lamina.core.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code use_ema} and {@code gradient_accumulation_steps} against values printed by Keras 3.15.1 itself (JAX backend,
 * float64): the weights and the optimizer's {@code average} slot after each of 7 steps, then
 * {@code finalize_variable_values}. The script is core/src/test/keras/optimizer_ema_references.py.
 */
class KerasEmaAndAccumulationValuesTest {

    private static final double[] START = {0.5, -1.0, 2.0};
    private static final double[][] GRADIENTS = {
            {0.001, 0.299, -0.274},
            {-0.891, -0.455, -0.992},
            {0.06, 1.34, -0.492},
            {-0.62, 0.49, 0.357},
            {0.105, -0.93, -0.029},
            {0.695, -1.344, -0.458},
            {-1.901, -1.29, -1.842}
    };

    @Test
    void sgdWithEmaOverwritingEveryThirdStep() {
        // keras.optimizers.SGD(0.1, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=3)
        check(() -> new SGD(0.1).useEma(true).emaMomentum(0.9).emaOverwriteFrequency(3),
                new double[][] {
                        {0.4999, -1.0299, 2.0274},
                        {0.589, -0.9844, 2.1266000000000003},
                        {0.5162289999999999, -1.034655, 2.051168},
                        {0.5782289999999999, -1.083655, 2.0154680000000003},
                        {0.5677289999999999, -0.9906550000000001, 2.018368},
                        {0.5240859999999999, -1.016824, 2.0466243000000004},
                        {0.714186, -0.887824, 2.2308243000000005}
                },
                new double[][] {
                        {0.4999, -1.0299, 2.0274},
                        {0.50881, -1.02535, 2.0373200000000002},
                        {0.5162289999999999, -1.034655, 2.051168},
                        {0.5224289999999999, -1.039555, 2.0475980000000003},
                        {0.526959, -1.034665, 2.0446750000000002},
                        {0.5240859999999999, -1.016824, 2.0466243000000004},
                        {0.5430959999999999, -1.003924, 2.0650443000000003}
                });
    }

    @Test
    void adamAccumulatingThreeSteps() {
        // keras.optimizers.Adam(0.01, gradient_accumulation_steps=3)
        check(() -> new Adam(0.01).gradientAccumulationSteps(3),
                new double[][] {
                        {0.5, -1.0, 2.0},
                        {0.5, -1.0, 2.0},
                        {0.5099998857021139, -1.0099999198753635, 2.0099999460365088},
                        {0.5099998857021139, -1.0099999198753635, 2.0099999460365088},
                        {0.5099998857021139, -1.0099999198753635, 2.0099999460365088},
                        {0.5149701619531282, -1.007502813474191, 2.0172312725439885},
                        {0.5149701619531282, -1.007502813474191, 2.0172312725439885}
                },
                null);
    }

    @Test
    void sgdMomentumWithEmaAndAccumulation() {
        // keras.optimizers.SGD(0.1, momentum=0.5, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=2,
        //                      gradient_accumulation_steps=2)
        check(() -> new SGD(0.1, 0.5, false).useEma(true).emaMomentum(0.5).emaOverwriteFrequency(2)
                        .gradientAccumulationSteps(2),
                new double[][] {
                        {0.5, -1.0, 2.0},
                        {0.5445, -0.9922, 2.0633},
                        {0.5445, -0.9922, 2.0633},
                        {0.569625, -1.036, 2.0825},
                        {0.569625, -1.036, 2.0825},
                        {0.5547500000000001, -0.9661000000000001, 2.12605},
                        {0.5584687500000001, -0.9835750000000001, 2.1151625000000003}
                },
                new double[][] {
                        {0.5, -1.0, 2.0},
                        {0.5445, -0.9922, 2.0633},
                        {0.5445, -0.9922, 2.0633},
                        {0.569625, -1.036, 2.0825},
                        {0.569625, -1.036, 2.0825},
                        {0.5621875000000001, -1.00105, 2.1042750000000003},
                        {0.5584687500000001, -0.9835750000000001, 2.1151625000000003}
                });
    }

    private static void check(Supplier<Optimizer> make, double[][] weights, double[][] averages) {
        Optimizer optimizer = make.get();
        INDArray w = Nd4j.createFromArray(START.clone()).reshape(1, START.length);
        for (int t = 0; t < GRADIENTS.length; t++) {
            INDArray g = Nd4j.createFromArray(GRADIENTS[t].clone()).reshape(1, START.length);
            optimizer.step(w, g, List.of(g));
            UseEmaTest.assertClose(weights[t], w, "weights after step " + (t + 1));
            if (averages != null) {
                UseEmaTest.assertClose(averages[t], optimizer.state().get("average"), "average after step " + (t + 1));
            }
        }
        assertEquals(GRADIENTS.length, optimizer.iterations(), "Keras's _iterations");
        optimizer.finalizeVariableValues(w);
        UseEmaTest.assertClose(averages != null ? averages[GRADIENTS.length - 1] : weights[GRADIENTS.length - 1], w,
                "after finalize_variable_values");
    }
}
