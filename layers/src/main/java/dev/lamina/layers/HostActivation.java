package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Relu;
import dev.lamina.core.activation.Sigmoid;
import dev.lamina.core.activation.Tanh;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activations on a few rows held in Java ({@link Batch.Host}): plain loops for relu, sigmoid and tanh, the
 * activation's own ND4J implementation for every other one.
 *
 * <pre>{@code
 * float[] out = HostActivation.apply(new Sigmoid(), z, 1, 16);
 * }</pre>
 */
final class HostActivation {

    private static final Relu PLAIN_RELU = new Relu();

    private HostActivation() {
    }

    /** {@code activation(z)}, in place for the activations written here (z is {@code [rows, columns]}). */
    static float[] apply(ActivationFunction activation, float[] z, int rows, int columns) {
        if (activation instanceof Relu && activation.equals(PLAIN_RELU)) {
            for (int i = 0; i < z.length; i++) {
                z[i] = z[i] > 0f ? z[i] : 0f;
            }
            return z;
        }
        if (activation instanceof Sigmoid) {
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
            return z;
        }
        if (activation instanceof Tanh) {
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) Math.tanh(z[i]);
            }
            return z;
        }
        INDArray array = Nd4j.create(z, new long[] {rows, columns}, 'c');
        return activation.apply(array).data().asFloat();
    }
}
