package dev.lamina.core.report;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classes of predictions and labels, for the reports: one sigmoid column is two classes (predicted 1 above 0.5,
 * as Keras's {@code binary_accuracy}); wider predictions are one class per column (the argmax); labels are one-hot
 * rows (their argmax) or one column of class indices (rounded).
 *
 * <pre>{@code
 * int[] predicted = Classes.predicted(model.predict(x));
 * int[] actual = Classes.actual(y, Classes.count(predictions));
 * }</pre>
 */
final class Classes {

    private Classes() {
    }

    /** The number of classes the predictions can name. */
    static int count(INDArray predictions) {
        requireMatrix(predictions, "predictions");
        return predictions.size(1) == 1 ? 2 : (int) predictions.size(1);
    }

    static int[] predicted(INDArray predictions) {
        requireMatrix(predictions, "predictions");
        if (predictions.size(1) == 1) {
            double[] p = predictions.castTo(DataType.DOUBLE).reshape(predictions.size(0)).toDoubleVector();
            int[] classes = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                classes[i] = p[i] > 0.5 ? 1 : 0;
            }
            return classes;
        }
        return predictions.argMax(1).castTo(DataType.INT).toIntVector();
    }

    static int[] actual(INDArray labels, int classes, long rows) {
        requireMatrix(labels, "labels");
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException("report: " + rows + " predictions but " + labels.size(0) + " labels");
        }
        int[] actual;
        if (labels.size(1) == 1) {
            double[] y = labels.castTo(DataType.DOUBLE).reshape(rows).toDoubleVector();
            actual = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                actual[i] = (int) Math.rint(y[i]);
            }
        } else if (labels.size(1) == classes) {
            actual = labels.argMax(1).castTo(DataType.INT).toIntVector();
        } else {
            throw new IllegalArgumentException("report: labels have " + labels.size(1) + " columns; expected 1 "
                    + "(class indices or 0/1) or " + classes + " (one-hot)");
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes) {
                throw new IllegalArgumentException("report: label " + actual[i] + " in row " + i + " is not one of the "
                        + classes + " classes the predictions have");
            }
        }
        return actual;
    }

    private static void requireMatrix(INDArray array, String what) {
        if (array == null || array.rank() != 2 || array.size(0) == 0) {
            throw new IllegalArgumentException("report: " + what + " must be a non-empty [rows, columns] matrix");
        }
    }
}
