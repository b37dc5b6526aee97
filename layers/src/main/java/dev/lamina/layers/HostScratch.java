package dev.lamina.layers;

/**
 * Java arrays a layer reuses for the sparse kernels (a copy of its kernel, the batch output, and one gradient
 * accumulator per thread), so that a training step allocates none of them anew.
 */
final class HostScratch {

    private float[] kernel = new float[0];
    private float[] output = new float[0];
    private final float[][] gradients = new float[2][0];

    float[] kernel(int length) {
        if (kernel.length != length) {
            kernel = new float[length];
        }
        return kernel;
    }

    float[] output(int length) {
        if (output.length < length) {
            output = new float[length];
        }
        java.util.Arrays.fill(output, 0, length, 0f);
        return output;
    }

    float[] gradient(int part, int length) {
        if (gradients[part].length != length) {
            gradients[part] = new float[length];
        }
        return gradients[part];
    }
}
