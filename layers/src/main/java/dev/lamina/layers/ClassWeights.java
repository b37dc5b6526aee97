package dev.lamina.layers;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code class_weight} turned into one weight per row, as {@code class_weight_to_sample_weights} in Keras 3's
 * {@code keras/src/trainers/data_adapters/data_adapter_utils.py} does: a row's class is the argmax of a one-hot label
 * (labels wider than one column) or the label itself rounded (integer or 0/1 labels); classes missing from the map
 * weigh 1.
 *
 * <pre>{@code
 * INDArray w = ClassWeights.perRow(Map.of(0, 1.0, 1, 5.0), labels, DataType.FLOAT);   // [n, 1]
 * }</pre>
 */
final class ClassWeights {

    private ClassWeights() {
    }

    /** The weight of each row of {@code labels} ({@code [n, width]}), as {@code [n, 1]}. */
    static INDArray perRow(Map<Integer, Double> classWeight, INDArray labels, DataType dataType) {
        long rows = labels.size(0);
        int[] classes = labels.size(1) == 1
                ? rounded(labels.reshape(rows).castTo(DataType.DOUBLE).toDoubleVector())
                : labels.argMax(1).castTo(DataType.INT).toIntVector();
        double[] weights = new double[classes.length];
        for (int r = 0; r < classes.length; r++) {
            weights[r] = classWeight.getOrDefault(classes[r], 1.0);
        }
        return Nd4j.createFromArray(weights).reshape(rows, 1).castTo(dataType);
    }

    /** numpy's {@code round}: half to even. */
    private static int[] rounded(double[] values) {
        int[] classes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            classes[i] = (int) Math.rint(values[i]);
        }
        return classes;
    }
}
