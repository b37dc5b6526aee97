package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labels gathered into per-batch arrays from a Java copy: for the usual [n, 1] labels this costs a few
 * microseconds, where ND4J's pullRows on such narrow rows costs ~90 us per batch.
 *
 * <pre>{@code
 * INDArray yBatch = new LabelBatches(y).gather(order, 0, 512);
 * }</pre>
 */
final class LabelBatches {

    private final INDArray labels;
    private final float[] host;
    private final int width;

    LabelBatches(INDArray labels) {
        this.labels = labels;
        this.width = (int) labels.size(1);
        boolean small = labels.dataType() == DataType.FLOAT && labels.length() <= 50_000_000L;
        this.host = small ? HostFloats.of(labels) : null;
    }

    INDArray gather(int[] order, int from, int to) {
        int rows = to - from;
        if (host == null) {
            INDArray batch = Nd4j.create(labels.dataType(), rows, width);
            Nd4j.pullRows(labels, batch, 1, Arrays.copyOfRange(order, from, to));
            return batch;
        }
        float[] batch = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(host, order[from + i] * width, batch, i * width, width);
        }
        return Nd4j.create(batch, new long[] {rows, width}, 'c');
    }
}
