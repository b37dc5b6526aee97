package dev.lamina.layers;

/**
 * One thread's working memory for inference on rows held in Java ({@link Pass#inferInJava}): two arrays the layers
 * write into in turn, and rows the Dense kernels sum in. Grown to the widest use and kept, so that a service's
 * steady state allocates nothing; one per thread, borrowed for one prediction at a time.
 *
 * <pre>{@code
 * InferenceScratch scratch = InferenceScratch.borrow();
 * try {
 *     Pass.inferInJava(layers, x, 0, 1, out, null, scratch);
 * } finally {
 *     scratch.giveBack();
 * }
 * }</pre>
 */
final class InferenceScratch {

    private static final ThreadLocal<InferenceScratch> OF_THREAD = ThreadLocal.withInitial(InferenceScratch::new);

    private float[] input = new float[0];
    private float[] even = new float[0];
    private float[] odd = new float[0];
    private float[] row = new float[0];
    private float[] sum = new float[0];
    private final int[] oneRowOffsets = new int[2];
    private boolean borrowed;

    private InferenceScratch() {
    }

    /**
     * This thread's scratch; a fresh one if it is borrowed already (a custom activation that predicts with another
     * model inside a prediction).
     */
    static InferenceScratch borrow() {
        InferenceScratch scratch = OF_THREAD.get();
        if (scratch.borrowed) {
            scratch = new InferenceScratch();
        }
        scratch.borrowed = true;
        return scratch;
    }

    void giveBack() {
        borrowed = false;
    }

    /** A copy target for the input values, at least {@code size} long. */
    float[] input(int size) {
        if (input.length < size) {
            input = new float[size];
        }
        return input;
    }

    /** The output array of layer {@code index}, at least {@code size} long (layers alternate between two). */
    float[] layerOutput(int index, int size) {
        if (index % 2 == 0) {
            if (even.length < size) {
                even = new float[size];
            }
            return even;
        }
        if (odd.length < size) {
            odd = new float[size];
        }
        return odd;
    }

    /** A row a kernel copies weights into, at least {@code units} long. */
    float[] row(int units) {
        if (row.length < units) {
            row = new float[units];
        }
        return row;
    }

    /** A row a kernel sums in, at least {@code units} long. */
    float[] sum(int units) {
        if (sum.length < units) {
            sum = new float[units];
        }
        return sum;
    }

    /** Row offsets {@code {0, nonZeros}} for one sparse row. */
    int[] oneRowOffsets(int nonZeros) {
        oneRowOffsets[1] = nonZeros;
        return oneRowOffsets;
    }
}
