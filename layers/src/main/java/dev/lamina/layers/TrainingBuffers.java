package dev.lamina.layers;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array reused across training batches of the same size (usually two: full batches and the last, shorter one), so
 * that a training step allocates no large temporaries (ND4J frees off-heap memory only when the GC runs).
 *
 * <pre>{@code
 * INDArray z = preActivations.forRows(512, 16, DataType.FLOAT);
 * }</pre>
 */
final class TrainingBuffers {

    private static final int MAX_SIZES = 4;
    private final Map<Long, INDArray> byRows = new HashMap<>();

    /** The array {@code [rows, columns]} for this batch size (its contents are whatever was written last). */
    INDArray forRows(long rows, long columns, DataType dataType) {
        INDArray array = byRows.get(rows);
        if (array == null || array.size(1) != columns || array.dataType() != dataType) {
            if (byRows.size() >= MAX_SIZES) {
                clear(); // batch sizes keep changing: do not hoard memory
            }
            array = Nd4j.create(dataType, rows, columns);
            byRows.put(rows, array);
        }
        return array;
    }

    void clear() {
        byRows.values().forEach(INDArray::close);
        byRows.clear();
    }
}
