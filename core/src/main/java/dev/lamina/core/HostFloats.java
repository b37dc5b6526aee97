package dev.lamina.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array's values as a Java {@code float[]} in row-major order, with a single copy when the array already is a
 * plain contiguous float32 buffer (the small per-batch arrays of a training step), and a cast and copy otherwise.
 *
 * <pre>{@code
 * float[] p = HostFloats.of(predictions);
 * }</pre>
 */
public final class HostFloats {

    private HostFloats() {
    }

    public static float[] of(INDArray array) {
        boolean plain = array.dataType() == DataType.FLOAT && !array.isView() && array.ordering() == 'c'
                && array.elementWiseStride() == 1 && array.data().length() == array.length();
        return plain ? array.data().asFloat() : array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
