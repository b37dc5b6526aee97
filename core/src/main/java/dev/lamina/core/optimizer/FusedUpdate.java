package dev.lamina.core.optimizer;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an {@link ElementRule} over whole float32 arrays in one pass: chunks small enough for the L1 cache are copied
 * from ND4J's memory, updated by the rule and copied back, split over the cores. One pass over the memory replaces
 * the five to ten full passes (and their native-call overhead) of the same update written as ND4J ops.
 *
 * <pre>{@code
 * FusedUpdate.run(params, grads, List.of(velocity), rule, null);
 * }</pre>
 */
final class FusedUpdate {

    private static final int CHUNK = 4096;

    private FusedUpdate() {
    }

    /** Whether the arrays are contiguous row-major float32, as the fused update needs. */
    static boolean applies(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array == null || array.dataType() != DataType.FLOAT || array.ordering() != 'c'
                    || array.elementWiseStride() != 1 || array.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies {@code rule} to every element of {@code params}; with {@code hostCopy} (same length), also writes the
     * new weights there.
     */
    static void run(INDArray params, INDArray grads, List<INDArray> slots, ElementRule rule, float[] hostCopy) {
        FloatBuffer w = HostFloats.buffer(params);
        FloatBuffer g = HostFloats.buffer(grads);
        FloatBuffer[] s = new FloatBuffer[slots.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = HostFloats.buffer(slots.get(k));
        }
        FastPaths.split((int) params.length(), (from, to) -> {
            float[] wc = new float[CHUNK];
            float[] gc = new float[CHUNK];
            float[][] sc = new float[s.length][CHUNK];
            for (int start = from; start < to; start += CHUNK) {
                int length = Math.min(CHUNK, to - start);
                w.get(start, wc, 0, length);
                g.get(start, gc, 0, length);
                for (int k = 0; k < s.length; k++) {
                    s[k].get(start, sc[k], 0, length);
                }
                rule.apply(wc, gc, sc, length);
                w.put(start, wc, 0, length);
                for (int k = 0; k < s.length; k++) {
                    s[k].put(start, sc[k], 0, length);
                }
                if (hostCopy != null) {
                    System.arraycopy(wc, 0, hostCopy, start, length);
                }
            }
        });
    }
}
