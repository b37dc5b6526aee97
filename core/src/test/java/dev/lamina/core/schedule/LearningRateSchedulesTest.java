package dev.lamina.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LearningRateSchedulesTest {

    private static final double EPS = 1e-12;

    @Test
    void exponentialDecayIsContinuousOrStaircase() {
        assertEquals(0.1, new ExponentialDecay(0.1, 1000, 0.96).at(0), EPS);
        assertEquals(0.1 * 0.96 * 0.96, new ExponentialDecay(0.1, 1000, 0.96).at(2000), EPS);
        assertEquals(0.1 * Math.pow(0.96, 1.5), new ExponentialDecay(0.1, 1000, 0.96).at(1500), EPS);
        assertEquals(0.1 * 0.96, new ExponentialDecay(0.1, 1000, 0.96, true).at(1999), EPS);
    }

    @Test
    void inverseTimeDecayFollowsKerasDocstring() {
        InverseTimeDecay schedule = new InverseTimeDecay(0.1, 1, 0.5); // Keras's example
        assertEquals(0.1 / 2.0, schedule.at(2), EPS);
        assertEquals(0.1 / (1 + 0.5 * 3), new InverseTimeDecay(0.1, 2, 0.5, true).at(7), EPS); // floor(7/2) = 3
    }

    @Test
    void piecewiseConstantDecayIncludesEachBoundaryInTheInterval() {
        PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(new long[] {100000, 110000},
                new double[] {1.0, 0.5, 0.1}); // Keras's example
        assertEquals(1.0, schedule.at(100000), EPS);
        assertEquals(0.5, schedule.at(100001), EPS);
        assertEquals(0.5, schedule.at(110000), EPS);
        assertEquals(0.1, schedule.at(110001), EPS);
    }

    @Test
    void polynomialDecayHoldsTheEndRateOrCycles() {
        PolynomialDecay linear = new PolynomialDecay(0.1, 100);
        assertEquals(0.1, linear.at(0), EPS);
        assertEquals((0.1 - 0.0001) * 0.75 + 0.0001, linear.at(25), EPS);
        assertEquals(0.0001, linear.at(500), EPS);
        PolynomialDecay cycling = new PolynomialDecay(0.1, 100, 0.01, 0.5, true);
        assertEquals((0.1 - 0.01) * Math.sqrt(1 - 150.0 / 200) + 0.01, cycling.at(150), EPS); // period 200 by then
    }

    @Test
    void cosineDecayWithAndWithoutWarmup() {
        CosineDecay plain = new CosineDecay(0.2, 100, 0.1, null, 0);
        assertEquals(0.2, plain.at(0), EPS);
        assertEquals(0.2 * (0.9 * 0.5 + 0.1), plain.at(50), EPS);
        assertEquals(0.2 * 0.1, plain.at(1000), EPS);
        CosineDecay warm = new CosineDecay(0.0, 100, 0.0, 0.1, 10);
        assertEquals(0.0, warm.at(0), EPS);
        assertEquals(0.05, warm.at(5), EPS);
        assertEquals(0.1, warm.at(10), EPS);
        assertEquals(0.05, warm.at(60), EPS);
        assertEquals(0.0, warm.at(110), EPS);
    }

    @Test
    void cosineDecayRestartsMatchesAnExplicitWalkOverThePeriods() {
        CosineDecayRestarts schedule = new CosineDecayRestarts(0.1, 10, 2.0, 0.5, 0.01);
        for (long step = 0; step < 100; step++) {
            long start = 0;
            long period = 10;
            int restart = 0;
            while (step >= start + period) { // periods of 10, 20, 40, ... steps
                start += period;
                period *= 2;
                restart++;
            }
            double fraction = (double) (step - start) / period;
            double expected = 0.1 * (0.99 * 0.5 * Math.pow(0.5, restart) * (1 + Math.cos(Math.PI * fraction)) + 0.01);
            assertEquals(expected, schedule.at(step), 1e-9, "step " + step);
        }
    }

    @Test
    void everyScheduleComesBackFromItsKerasConfig() {
        List<LearningRateSchedule> schedules = List.of(new ExponentialDecay(0.1, 1000, 0.96, true),
                new InverseTimeDecay(0.1, 10, 0.5), new PiecewiseConstantDecay(new long[] {5, 9},
                        new double[] {0.3, 0.2, 0.1}), new PolynomialDecay(0.1, 100, 0.01, 2.0, true),
                new CosineDecay(0.0, 100, 0.1, 0.2, 10), new CosineDecay(0.1, 50),
                new CosineDecayRestarts(0.1, 10, 1.0, 0.9, 0.0));
        for (LearningRateSchedule schedule : schedules) {
            assertEquals(schedule, LearningRateSchedules.get(schedule.className(), schedule.config()));
        }
    }

    @Test
    void badConfigsAreClearErrors() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedules.get("OneCycle", Map.of())).getMessage();
        assertTrue(unknown.contains("Unknown learning rate schedule 'OneCycle'"), unknown);
        String steps = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialDecay(0.1, 0, 0.9)).getMessage();
        assertTrue(steps.contains("decay_steps must be > 0"), steps);
        String pieces = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {5}, new double[] {0.1})).getMessage();
        assertTrue(pieces.contains("one more than the number of boundaries"), pieces);
    }

    @Test
    void anOptimizerTakesEachUpdatesRateFromTheStepsMadeBeforeIt() {
        ExponentialDecay schedule = new ExponentialDecay(0.1, 1, 0.5);
        Optimizer sgd = new SGD(0.1).learningRateSchedule(schedule);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 4);
        INDArray g = Nd4j.ones(DataType.DOUBLE, 4);
        for (int step = 0; step < 3; step++) {
            sgd.step(w, g.dup(), List.of(g));
        }
        assertEquals(-(0.1 + 0.05 + 0.025), w.getDouble(0), EPS); // Keras: schedule(iterations) before increment
        assertEquals(0.0125, sgd.learningRate(), EPS);
        IllegalStateException fixed = assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.5));
        assertTrue(fixed.getMessage().contains("is not settable"), fixed.getMessage());
        sgd.learningRateSchedule(null);
        assertEquals(0.0125, sgd.learningRate(), EPS);
    }
}
