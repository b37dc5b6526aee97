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
 * FusedUpdate.run(params, grads, List.of(velocity), rule, false, null);
 * }</pre>
 */
final class FusedUpdate {

    private static final int CHUNK = 4096;

    /**
     * Slot values below this magnitude are set to zero, every {@link #flushInterval} steps. Moments of weights whose
     * gradient stays 0 decay geometrically into the subnormal range (below 2^-126), where every float operation costs
     * ~100x more (an Adam epoch ran 2x slower than the one before it). TensorFlow, under Keras, flushes subnormals to
     * zero on CPU; flushing below 2^-120 at intervals keeps the update loops free of both subnormals and per-element
     * branches (which would stop the JIT from vectorizing them), and differs from that by less than 2^-120 in a slot
     * (its square root, 9e-19, is far below any epsilon an optimizer adds to it).
     */
    static final float FLUSH_BELOW = 0x1p-120f;

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
     * Steps between two flushes of slots that decay by the factors {@code decays} (the fastest decay decides): no slot
     * value at or above {@link #FLUSH_BELOW} can decay into the subnormal range between two flushes.
     */
    static int flushInterval(double... decays) {
        double fastest = 1.0;
        for (double decay : decays) {
            fastest = Math.min(fastest, Math.abs(decay));
        }
        if (fastest <= 0) {
            return 1;
        }
        if (fastest >= 1) {
            return Integer.MAX_VALUE; // nothing decays
        }
        double steps = Math.log(Float.MIN_NORMAL / FLUSH_BELOW) / Math.log(fastest);
        return (int) Math.max(1, Math.floor(steps));
    }

    /**
     * Applies {@code rule} to every element of {@code params}, after {@code w -= w * decay} when {@code decay} is not
     * 0 (decoupled weight decay); with {@code flush}, then zeroes slot values below {@link #FLUSH_BELOW}; with
     * {@code hostCopy} (same length), also writes the new weights there.
     */
    static void run(INDArray params, INDArray grads, List<INDArray> slots, ElementRule rule, float decay,
                    boolean flush, float[] hostCopy) {
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
                if (decay != 0f) {
                    for (int i = 0; i < length; i++) {
                        wc[i] -= wc[i] * decay;
                    }
                }
                rule.apply(wc, gc, sc, length);
                if (flush) {
                    for (float[] slot : sc) {
                        flushTiny(slot, length);
                    }
                }
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

    private static void flushTiny(float[] values, int length) {
        for (int i = 0; i < length; i++) {
            if (Math.abs(values[i]) < FLUSH_BELOW) {
                values[i] = 0f;
            }
        }
    }
}
