package dev.lamina.core.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared arithmetic of the losses computed in Java float64 loops (a batch is small, and a loop avoids ND4J's
 * per-op overhead, as in {@link BinaryCrossentropy#stepFromLogits}): the batch as float64 rows after a shape check,
 * results back in the prediction's data type, and the losses that are a mean over the last axis of an element-wise {@link Term} of the
 * prediction {@code p} and the label {@code y}, whose value and derivative are written side by side.
 */
final class Elementwise {

    /** One element's loss and {@code d loss / d p}. */
    interface Term {
        double value(double p, double y);

        double derivative(double p, double y);
    }

    private Elementwise() {
    }

    /** {@code mean_j term(p[i, j], y[i, j])}, shape {@code [n]}. */
    static INDArray mean(String loss, INDArray yPred, INDArray yTrue, Term term) {
        double[][] p = rows(loss, yPred, yTrue);
        double[][] y = host(yTrue);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int j = 0; j < p[i].length; j++) {
                sum += term.value(p[i][j], y[i][j]);
            }
            out[i] = sum / p[i].length;
        }
        return vector(out, yPred);
    }

    /** {@code d mean / d p}, shape of {@code yPred}. */
    static INDArray gradient(String loss, INDArray yPred, INDArray yTrue, Term term) {
        double[][] p = rows(loss, yPred, yTrue);
        double[][] y = host(yTrue);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = term.derivative(p[i][j], y[i][j]) / p[i].length;
            }
        }
        return matrix(p, yPred);
    }

    /** The predictions as float64 rows, after checking that the labels have their shape. */
    static double[][] rows(String loss, INDArray yPred, INDArray yTrue) {
        if (yPred.rank() != 2 || !Arrays.equals(yPred.shape(), yTrue.shape())) {
            throw new IllegalArgumentException(loss + " expects labels of the predictions' shape "
                    + Arrays.toString(yPred.shape()) + "; got " + Arrays.toString(yTrue.shape()) + ".");
        }
        return host(yPred);
    }

    /**
     * A rank-2 array's values as float64 rows, in one copy (ND4J's {@code toDoubleMatrix} copies row by row, which
     * costs milliseconds per training step).
     */
    static double[][] host(INDArray x) {
        boolean plain = !x.isView() && x.ordering() == 'c' && x.elementWiseStride() == 1
                && x.data().length() == x.length();
        double[] flat = (plain ? x : x.dup('c')).data().asDouble();
        int columns = (int) x.size(1);
        double[][] rows = new double[(int) x.size(0)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return rows;
    }

    /** {@code values} as an array of {@code like}'s data type. */
    static INDArray matrix(double[][] values, INDArray like) {
        int columns = values.length == 0 ? (int) like.size(1) : values[0].length;
        double[] flat = new double[values.length * columns];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, flat, i * columns, columns);
        }
        return typed(flat, new long[] {values.length, columns}, like.dataType());
    }

    /** {@code values} as a vector of {@code like}'s data type. */
    static INDArray vector(double[] values, INDArray like) {
        return typed(values, new long[] {values.length}, like.dataType());
    }

    private static INDArray typed(double[] flat, long[] shape, DataType type) {
        if (type == DataType.FLOAT) {
            float[] floats = new float[flat.length];
            for (int i = 0; i < flat.length; i++) {
                floats[i] = (float) flat[i];
            }
            return Nd4j.create(floats, shape, 'c');
        }
        return Nd4j.create(flat, shape, 'c').castTo(type);
    }

    /** Numerically stable {@code log(1 + exp(x))}. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Stable {@code 1 / (1 + exp(-x))}. */
    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
