package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import dev.lamina.core.activation.Relu;
import dev.lamina.core.activation.Sigmoid;
import dev.lamina.core.activation.Softmax;
import dev.lamina.core.activation.Tanh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activations on a few rows held in Java ({@link Pass#inferInJava}), in place: plain loops for linear, relu, sigmoid,
 * tanh and softmax over the last axis (allocation-free), the activation's own ND4J implementation for every other
 * one.
 *
 * <pre>{@code
 * HostActivation.applyInPlace(new Sigmoid(), z, 1, 16);   // z[0, 16) = sigmoid(z[0, 16))
 * }</pre>
 */
final class HostActivation {

    private static final Relu PLAIN_RELU = new Relu();
    private static final Softmax LAST_AXIS_SOFTMAX = new Softmax(-1);

    private HostActivation() {
    }

    /** {@code z[0, rows * columns) = activation(z)}, z holding {@code [rows, columns]} row-major. */
    static void applyInPlace(ActivationFunction activation, float[] z, int rows, int columns) {
        int size = rows * columns;
        if (activation instanceof Linear) {
            return;
        }
        if (activation instanceof Relu && activation.equals(PLAIN_RELU)) {
            for (int i = 0; i < size; i++) {
                z[i] = z[i] > 0f ? z[i] : 0f;
            }
        } else if (activation instanceof Sigmoid) {
            for (int i = 0; i < size; i++) {
                z[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
        } else if (activation instanceof Tanh) {
            for (int i = 0; i < size; i++) {
                z[i] = (float) Math.tanh(z[i]);
            }
        } else if (activation.equals(LAST_AXIS_SOFTMAX)) {
            for (int r = 0; r < rows; r++) {
                softmaxRow(z, r * columns, columns);
            }
        } else {
            INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
            HostFloats.buffer(array).put(0, z, 0, size);
            HostFloats.buffer(activation.applyInto(array, array)).get(0, z, 0, size);
            array.close();
        }
    }

    /** Keras's softmax of one row: {@code exp(x - max) / sum(exp(x - max))}. */
    private static void softmaxRow(float[] z, int from, int columns) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = from; c < from + columns; c++) {
            max = Math.max(max, z[c]);
        }
        float sum = 0f;
        for (int c = from; c < from + columns; c++) {
            z[c] = (float) Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = from; c < from + columns; c++) {
            z[c] /= sum;
        }
    }
}
