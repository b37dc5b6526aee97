package dev.lamina.core.metric;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Batches as float64 rows on the heap, for metrics that loop over samples (a batch is small; the sums stay exact). */
final class Rows {

    private Rows() {
    }

    /** {@code a} as {@code [rows][columns]}; a vector is one column. */
    static double[][] of(INDArray a) {
        long n = a.rank() == 0 ? 1 : a.size(0);
        return a.castTo(DataType.DOUBLE).reshape(n, a.length() / Math.max(1, n)).toDoubleMatrix();
    }

    /** One weight per row as float64, or null for none; checked to hold {@code rows} values. */
    static double[] weights(String metric, INDArray sampleWeights, long rows) {
        if (sampleWeights == null) {
            return null;
        }
        if (sampleWeights.length() != rows) {
            throw new IllegalArgumentException(metric + " expects one sample weight per row: " + rows + " rows, "
                    + sampleWeights.length() + " weights (shape " + java.util.Arrays.toString(sampleWeights.shape())
                    + "). Give sample weights shaped [n] or [n, 1].");
        }
        return rows == 0 ? new double[0] : sampleWeights.castTo(DataType.DOUBLE).reshape(rows).toDoubleVector();
    }

    /** Row {@code i}'s weight: 1 without weights. */
    static double weight(double[] weights, int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** Both as rows, checked to have the same shape. */
    static double[][][] sameShape(String metric, INDArray yPred, INDArray yTrue) {
        double[][] p = of(yPred);
        double[][] y = of(yTrue);
        if (p.length != y.length || (p.length > 0 && p[0].length != y[0].length)) {
            throw new IllegalArgumentException(metric + " expects labels shaped like the predictions. Received: y_pred "
                    + java.util.Arrays.toString(yPred.shape()) + ", y_true " + java.util.Arrays.toString(yTrue.shape())
                    + ". Give one label column per output unit.");
        }
        return new double[][][] {p, y};
    }
}
