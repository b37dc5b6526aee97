package dev.lamina.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InitializersTest {

    static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    static double variance(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return s / v.length;
    }

    /** Expected variance is scale / n for every variance-scaling initializer (Keras's design). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"glorot_uniform,1,avg", "glorot_normal,1,avg", "he_normal,2,in", "he_uniform,2,in",
        "lecun_normal,1,in", "lecun_uniform,1,in"})
    void varianceScalingHasVarianceScaleOverFan(String name, double scale, String mode) {
        long fanIn = 400;
        long fanOut = 100;
        float[] values = Initializers.get(name).sample(fanIn, fanOut, new Random(1));
        double n = mode.equals("avg") ? (fanIn + fanOut) / 2.0 : fanIn;
        double expected = scale / n;
        assertEquals(0.0, mean(values), 3 * Math.sqrt(expected / values.length) + 1e-4);
        assertEquals(expected, variance(values), expected * 0.03, name);
    }

    @Test
    void glorotUniformStaysWithinItsLimit() {
        float[] values = Initializers.get("glorot_uniform").sample(10000, 16, new Random(2));
        double limit = Math.sqrt(6.0 / (10000 + 16));
        for (float v : values) {
            assertTrue(Math.abs(v) <= limit, "value " + v + " beyond " + limit);
        }
    }

    @Test
    void truncatedNormalRespectsTwoStddevBounds() {
        float[] values = new TruncatedNormal(0.5, 0.1).sample(300, 300, new Random(3));
        for (float v : values) {
            assertTrue(v >= 0.5 - 0.2 - 1e-6 && v <= 0.5 + 0.2 + 1e-6, "value " + v);
        }
        assertEquals(0.5, mean(values), 1e-3);
        // variance of N(0, s) truncated at 2s is s^2 * 0.87962566103423978^2
        assertEquals(0.01 * 0.87962566103423978 * 0.87962566103423978, variance(values), 2e-4);
    }

    @Test
    void heNormalUsesTheTruncationCorrectionConstant() {
        float[] values = Initializers.get("he_normal").sample(1000, 100, new Random(4));
        double stddev = Math.sqrt(2.0 / 1000) / 0.87962566103423978;
        for (float v : values) {
            assertTrue(Math.abs(v) <= 2 * stddev + 1e-6);
        }
    }

    @Test
    void randomNormalAndUniformUseKerasDefaults() {
        float[] normal = Initializers.get("random_normal").sample(300, 300, new Random(5));
        assertEquals(0.05 * 0.05, variance(normal), 1e-4);
        float[] uniform = Initializers.get("random_uniform").sample(300, 300, new Random(6));
        for (float v : uniform) {
            assertTrue(v >= -0.05 && v <= 0.05);
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        assertArrayEquals(Initializers.get("glorot_uniform").sample(20, 5, new Random(7)),
                Initializers.get("glorot_uniform").sample(20, 5, new Random(7)));
    }

    @Test
    void zerosAndOnesAreConstant() {
        assertArrayEquals(new float[] {0, 0, 0}, Initializers.get("zeros").sample(1, 3, new Random()));
        assertArrayEquals(new float[] {1, 1}, Initializers.get("ones").sample(1, 2, new Random()));
    }

    @Test
    void namesRoundTripThroughGet() {
        for (String name : Initializers.names()) {
            Initializer init = Initializers.get(name);
            assertEquals(init, Initializers.get(init.name(), init.config()), name);
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializers.get("glorot"));
        assertTrue(e.getMessage().contains("glorot_uniform"), e.getMessage());
    }
}
