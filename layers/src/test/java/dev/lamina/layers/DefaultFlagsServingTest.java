package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A service's memory in a JVM of its own started with the JVM's default flags (no -Xmx): {@code mvn verify -Pstress}
 * runs this class in a separate fork without the stress profile's fixed heap.
 */
@Tag("stress-default-flags")
class DefaultFlagsServingTest {

    @Test
    void aMillionSingleRowArrayPredictionsStayUnder400MegabytesAndFlat() throws Exception {
        Sequential model = LongRunningStressTest.imdbLike(9);
        INDArray rows = LongRunningStressTest.multiHot(100, 10);
        float[][] singles = new float[100][];
        for (int i = 0; i < 100; i++) {
            singles[i] = rows.getRow(i, true).dup().data().asFloat();
        }
        float[] out = new float[1];
        double checksum = 0;
        double half = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (i == 500_000) {
                half = ResidentMemory.megabytes(); // no System.gc(): a service does not call it either
            }
            checksum += model.predict(singles[i % 100], out)[0];
        }
        double end = ResidentMemory.megabytes();
        assertTrue(checksum > 0);
        assertTrue(end < 400, "resident memory after a million predictions: " + end + " MB");
        assertTrue(end - half < 20, "resident memory grew from " + half + " MB to " + end + " MB");
    }
}
