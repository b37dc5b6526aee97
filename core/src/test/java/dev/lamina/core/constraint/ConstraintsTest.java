package dev.lamina.core.constraint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constraints against Keras 3.15.1's numbers (layers/src/test/resources/keras-reference/make_reference.py, section F),
 * on a kernel [3, 2] and a bias [2].
 */
class ConstraintsTest {

    static INDArray kernel() {
        return Nd4j.createFromArray(new float[][] {{3.0f, 0.5f}, {-4.0f, 0.25f}, {0.0f, -0.5f}});
    }

    static INDArray bias() {
        return Nd4j.createFromArray(3.0f, -4.0f);
    }

    static float[] apply(Constraint constraint, INDArray w) {
        constraint.applyInPlace(w);
        return w.dup().data().asFloat();
    }

    @Test
    void maxNormClipsEachColumnsNormAlongAxis0AndEachRowsAlongAxis1() {
        assertArrayEquals(new float[] {1.2000000476837158f, 0.49999991059303284f, -1.600000023841858f,
            0.24999995529651642f, 0.0f, -0.49999991059303284f}, apply(new MaxNorm(), kernel()), 1e-6f);
        assertArrayEquals(new float[] {1.2000000476837158f, -1.600000023841858f}, apply(new MaxNorm(), bias()),
                1e-6f);
        assertArrayEquals(new float[] {0.986393928527832f, 0.16439898312091827f, -0.9980525970458984f,
            0.06237828731536865f, 0.0f, -0.49999988079071045f}, apply(new MaxNorm(1.0, 1), kernel()), 1e-6f);
    }

    @Test
    void nonNegUnitNormAndMinMaxNormMatchKeras() {
        assertArrayEquals(new float[] {3.0f, 0.5f, 0.0f, 0.25f, 0.0f, 0.0f}, apply(new NonNeg(), kernel()));
        assertArrayEquals(new float[] {0.6000000238418579f, 0.666666567325592f, -0.800000011920929f,
            0.333333283662796f, 0.0f, -0.666666567325592f}, apply(new UnitNorm(), kernel()), 1e-6f);
        assertArrayEquals(new float[] {0.6000000238418579f, -0.800000011920929f}, apply(new UnitNorm(), bias()),
                1e-6f);
        assertArrayEquals(new float[] {2.0999999046325684f, 0.5833332538604736f, -2.799999952316284f,
            0.2916666269302368f, 0.0f, -0.5833332538604736f}, apply(new MinMaxNorm(1.0, 2.0, 0.5, 0), kernel()),
                1e-6f);
        assertArrayEquals(new float[] {2.0999999046325684f, -2.799999952316284f},
                apply(new MinMaxNorm(1.0, 2.0, 0.5, 0), bias()), 1e-6f);
    }

    @Test
    void aViewIsConstrainedInPlace() {
        INDArray flat = Nd4j.createFromArray(9f, 3.0f, -4.0f, 9f);
        INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
        new MaxNorm(1.0, 0).applyInPlace(view);
        assertArrayEquals(new float[] {9f, 0.6f, -0.8f, 9f}, flat.data().asFloat(), 1e-6f);
    }

    @Test
    void namesAndConfigsGiveKerasDefaults() {
        assertEquals(new MaxNorm(2.0, 0), Constraints.get("max_norm"));
        assertEquals(new MaxNorm(3.0, 0), Constraints.get("MaxNorm", Map.of("max_value", 3.0)));
        assertEquals(new NonNeg(), Constraints.get("NonNeg"));
        assertEquals(new UnitNorm(1), Constraints.get("unit_norm", Map.of("axis", 1.0)));
        assertEquals(new MinMaxNorm(0, 1, 1, 0), Constraints.get("min_max_norm"));
        assertEquals(Map.of("max_value", 2.0, "axis", 0.0), new MaxNorm().config());
    }

    @Test
    void badValuesAreClearErrors() {
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> new MaxNorm(2, 2));
        assertTrue(axis.getMessage().contains("axis=2"), axis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(2, 1, 1, 0));
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> new MaxNorm(1, 1).applyInPlace(bias()));
        assertTrue(vector.getMessage().contains("axis=1 needs a rank-2 weight"), vector.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> Constraints.get("NonNeg", Map.of("axis", 0.0)));
        assertTrue(key.getMessage().contains("'axis'"), key.getMessage());
    }
}
