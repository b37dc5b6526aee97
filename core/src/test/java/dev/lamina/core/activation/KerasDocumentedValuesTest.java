package dev.lamina.core.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The usage examples printed in Keras's own documentation (tf.keras.layers.ReLU r2.14 and Keras 3, and the
 * tf.keras.activations pages), reproduced value for value.
 */
class KerasDocumentedValuesTest {

    static float[] relu(float[] x, double negativeSlope, double maxValue, double threshold) {
        return Activations.relu(Nd4j.createFromArray(x), negativeSlope, maxValue, threshold).toFloatVector();
    }

    @Test
    void reluLayerUsageExamples() {
        float[] x = {-3f, -1f, 0f, 2f};
        double none = Double.POSITIVE_INFINITY;
        assertArrayEquals(new float[] {0f, 0f, 0f, 2f}, relu(x, 0, none, 0));
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f}, relu(x, 0, 1.0, 0));
        assertArrayEquals(new float[] {-3f, -1f, 0f, 2f}, relu(x, 1.0, none, 0));
        // Keras computes x * (x > threshold), so negative inputs give -0.0, as in TensorFlow; equal to 0.0 numerically
        assertArrayEquals(new float[] {0f, 0f, 0f, 2f}, relu(new float[] {-3f, -1f, 1f, 2f}, 0, none, 1.5), 0f);
    }

    @Test
    void keras3ReluLayerExample() {
        assertArrayEquals(new float[] {-5f, -2.5f, 0f, 5f, 10f},
                relu(new float[] {-10f, -5f, 0f, 5f, 10f}, 0.5, 10, 0));
    }

    @Test
    void sigmoidExample() {
        float[] y = Activations.sigmoid(Nd4j.createFromArray(-20f, -1f, 0f, 1f, 20f)).toFloatVector();
        assertArrayEquals(new float[] {2.0611537e-09f, 2.6894143e-01f, 5.0000000e-01f, 7.3105860e-01f, 1.0f}, y,
                1e-7f);
    }

    @Test
    void tanhExample() {
        float[] y = Activations.tanh(Nd4j.createFromArray(-3f, -1f, 0f, 1f, 3f)).toFloatVector();
        assertArrayEquals(new float[] {-0.9950547f, -0.7615942f, 0f, 0.7615942f, 0.9950547f}, y, 1e-7f);
    }

    @Test
    void softsignExample() {
        assertArrayEquals(new float[] {-0.5f, 0f, 0.5f},
                Activations.softsign(Nd4j.createFromArray(-1f, 0f, 1f)).toFloatVector());
    }
}
