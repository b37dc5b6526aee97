package dev.lamina.core.regularizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RegularizersTest {

    private static final INDArray X = Nd4j.createFromArray(new float[][] {{1.5f, -2f}, {0f, 0.5f}});

    @Test
    void penaltiesFollowKerasFormulas() {
        assertEquals(0.01 * 4.0, new L1().penalty(X), 1e-8); // reduced in float32, as Keras
        assertEquals(0.01 * 6.5, new L2().penalty(X), 1e-8);
        assertEquals(0.1 * 4.0 + 0.2 * 6.5, new L1L2(0.1, 0.2).penalty(X), 1e-6);
        assertEquals(0.0, new L1L2().penalty(X), "Keras 3's L1L2() has both factors 0");
    }

    @Test
    void gradientsAreL1SignAndTwiceL2TimesXWithSignOfZeroZero() {
        INDArray gradient = Nd4j.zeros(DataType.FLOAT, 2, 2);
        new L1L2(0.1, 0.2).addGradient(X, 2.0, gradient);
        assertArrayEquals(new float[] {2 * (0.1f + 0.4f * 1.5f), 2 * (-0.1f - 0.4f * 2f), 0f, 2 * (0.1f + 0.4f * 0.5f)},
                gradient.data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 0.5f}, X.data().asFloat(), "x is untouched");
    }

    @Test
    void namesAndConfigsGiveKerasDefaults() {
        assertEquals(new L1(0.01), Regularizers.get("l1"));
        assertEquals(new L2(0.01), Regularizers.get("L2"));
        assertEquals(new L2(1e-4), Regularizers.get("L2", Map.of("l2", 1e-4)));
        assertEquals(new L1L2(0, 0), Regularizers.get("l1_l2"));
        assertEquals(new L1L2(1e-5, 0), Regularizers.get("L1L2", Map.of("l1", 1e-5)));
        assertEquals(new L1L2(0.3, 0.4), Regularizers.l1l2(0.3, 0.4));
        assertEquals(Map.of("l2", 1e-4), Regularizers.l2(1e-4).config());
        assertEquals("L1L2", Regularizers.l1l2(1, 2).className());
    }

    @Test
    void badNamesKeysAndFactorsAreClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Regularizers.get("orthogonal_regularizer"));
        assertTrue(unknown.getMessage().contains("l1, l2, l1_l2"), unknown.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> Regularizers.get("L2", Map.of("l1", 0.1)));
        assertTrue(key.getMessage().contains("'l1'"), key.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new L2(-1));
        assertTrue(negative.getMessage().contains("l2=-1.0"), negative.getMessage());
    }
}
