package dev.lamina.core.constraint;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The norm-based constraints' one computation: the L2 norm of each slice along {@code axis} (Keras's
 * {@code sqrt(sum(square(w), axis, keepdims=True))}), and {@code w * desired(norm) / (epsilon + norm)}.
 *
 * <pre>{@code
 * Norms.rescale(kernel, 0, norm -> Math.min(norm, 2.0));   // MaxNorm(2, axis=0)
 * }</pre>
 */
final class Norms {

    /** Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    private Norms() {
    }

    /** Checks Keras's {@code axis} for a rank-1 or rank-2 weight and returns it as 0 or 1. */
    static int checkAxis(String constraint, int axis) {
        if (axis < -2 || axis > 1) {
            throw new IllegalArgumentException(constraint + " constrains rank-1 and rank-2 weights along axis 0, 1 or "
                    + "-1. Received: axis=" + axis);
        }
        return axis;
    }

    static void rescale(INDArray w, int axis, DoubleUnaryOperator desired) {
        if (w.rank() > 2) {
            throw new IllegalArgumentException("Constraints apply to rank-1 and rank-2 weights; got shape "
                    + java.util.Arrays.toString(w.shape()));
        }
        if (w.rank() == 1 && axis == 1) {
            throw new IllegalArgumentException("A constraint with axis=1 needs a rank-2 weight; a vector has only axis "
                    + "0 (or -1). Received shape " + java.util.Arrays.toString(w.shape()));
        }
        long rows = w.rank() == 2 ? w.size(0) : 1;
        long columns = w.rank() == 2 ? w.size(1) : w.length();
        int along = w.rank() == 1 ? 1 : (axis < 0 ? axis + 2 : axis); // a vector's axis 0 is the whole vector
        double[] v = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        // one norm per column (along 0) or per row: slice s starts at s * sliceStep, its elements are elementStep apart
        int slices = (int) (along == 0 ? columns : rows);
        int length = (int) (along == 0 ? rows : columns);
        int sliceStep = along == 0 ? 1 : (int) columns;
        int elementStep = along == 0 ? (int) columns : 1;
        for (int slice = 0; slice < slices; slice++) {
            int start = slice * sliceStep;
            double sum = 0;
            for (int k = 0; k < length; k++) {
                sum += v[start + k * elementStep] * v[start + k * elementStep];
            }
            double norm = Math.sqrt(sum);
            double factor = desired.applyAsDouble(norm) / (EPSILON + norm);
            for (int k = 0; k < length; k++) {
                v[start + k * elementStep] *= factor;
            }
        }
        w.assign(Nd4j.create(v, w.shape(), 'c').castTo(w.dataType()));
    }
}
