package dev.lamina.core.optimizer;

import dev.lamina.core.HostFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies contiguous float32 arrays to and from reusable Java arrays, for optimizer updates that are faster as one
 * fused loop than as a chain of ND4J ops (measured on 160,305 RMSprop parameters: 1.2 ms per step as 7 ND4J ops,
 * dominated by ND4J's sqrt at ~0.25 ms, against ~0.15 ms fused).
 */
final class HostArrays {

    private HostArrays() {
    }

    /** Whether {@code arrays} are all contiguous float32 with elements in order (the fused path applies). */
    static boolean fusable(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array == null || array.dataType() != DataType.FLOAT || array.elementWiseStride() != 1
                    || array.ordering() != 'c' || array.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** {@code array}'s values in {@code host} (reallocated if too small); returns the host array. */
    static float[] read(INDArray array, float[] host) {
        float[] target = host != null && host.length == array.length() ? host : new float[(int) array.length()];
        HostFloats.buffer(array).get(target);
        return target;
    }

    static void write(float[] host, INDArray array) {
        HostFloats.buffer(array).put(host);
    }
}
