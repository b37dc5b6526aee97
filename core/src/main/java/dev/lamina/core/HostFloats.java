package dev.lamina.core;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves float32 values between ND4J arrays and Java: an array's values as a {@code float[]} in row-major order (a
 * single copy when the array already is a plain contiguous float32 buffer, a cast and copy otherwise), or a
 * {@link FloatBuffer} over its memory for bulk reads and writes without a temporary.
 *
 * <pre>{@code
 * float[] p = HostFloats.of(predictions);
 * }</pre>
 */
public final class HostFloats {

    private HostFloats() {
    }

    /** The array's values as a Java copy. */
    public static float[] of(INDArray array) {
        boolean plain = array.dataType() == DataType.FLOAT && !array.isView() && array.ordering() == 'c'
                && array.elementWiseStride() == 1 && array.data().length() == array.length();
        return plain ? array.data().asFloat() : array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Copies the array's values, row-major, into {@code target[0, length)} (no temporary for contiguous float32). */
    public static void copy(INDArray array, float[] target) {
        int length = (int) array.length();
        if (array.dataType() == DataType.FLOAT && array.ordering() == 'c' && array.elementWiseStride() == 1) {
            buffer(array).get(0, target, 0, length);
        } else {
            System.arraycopy(of(array), 0, target, 0, length);
        }
    }

    /**
     * A {@link FloatBuffer} over the array's own off-heap memory (no copy), for bulk reads and writes.
     *
     * @throws IllegalStateException unless the array is float32, row-major and contiguous
     */
    public static FloatBuffer buffer(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.elementWiseStride() != 1) {
            throw new IllegalStateException("Expected a contiguous row-major float32 array; got " + array.dataType()
                    + ", order " + array.ordering() + ", element stride " + array.elementWiseStride());
        }
        FloatBuffer buffer = array.data().asNioFloat();
        buffer.position((int) array.offset());
        return buffer.slice();
    }
}
