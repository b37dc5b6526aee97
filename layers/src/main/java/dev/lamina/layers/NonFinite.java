package dev.lamina.layers;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds NaN and infinite values cheaply, and says where they are.
 *
 * <pre>{@code
 * if (NonFinite.any(x)) throw NonFinite.inputError(x, "predict");
 * }</pre>
 */
final class NonFinite {

    private NonFinite() {
    }

    /**
     * Whether any element is NaN or infinite: one BLAS {@code asum} (NaN and infinity propagate into it; it is 30x
     * faster than ND4J's own sum reduction on 160k floats), and an exact check only if that sum is not finite.
     */
    static boolean any(INDArray array) {
        INDArray contiguous = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        if (Double.isFinite(Nd4j.getBlasWrapper().level1().asum(contiguous))) {
            return false;
        }
        return array.isNaN().castTo(DataType.FLOAT).sumNumber().doubleValue() > 0
                || array.isInfinite().castTo(DataType.FLOAT).sumNumber().doubleValue() > 0;
    }

    /**
     * Fails with {@link #inputError} when a first layer's inference output {@code z} holds NaN or infinity: every
     * non-finite input value reaches it (NaN times a weight is NaN), so this checks the input at a fraction of the
     * cost of scanning it.
     */
    static void requireFiniteOutput(Batch z, Batch input) {
        if (any(Pass.nd4j(z))) {
            throw inputError(input instanceof Batch.Sparse ? null : Pass.nd4j(input), "predict");
        }
    }

    /** Whether {@code values[0, size)} are all finite. */
    static boolean finite(float[] values, int size) {
        float sum = 0f;
        for (int i = 0; i < size; i++) {
            sum += values[i] * 0f; // NaN for NaN and for infinity
        }
        return sum == 0f;
    }

    /** The error for non-finite input: where the first bad value is, or that a layer overflowed. */
    static IllegalArgumentException inputError(INDArray x, String action) {
        if (x == null || !any(x)) {
            return new IllegalArgumentException(action + ": the first layer's output overflowed to infinity; the "
                    + "input values are too large. Scale the data first.");
        }
        return new IllegalArgumentException(action + ": x contains NaN or infinite values (first at "
                + firstPosition(x) + "). Clean or impute the data first.");
    }

    /** The batch's loss in {@code logs} when it is NaN or infinite (a skipped step), else null. */
    static Double badLoss(Map<String, Double> logs) {
        Double loss = logs.get("loss");
        return loss != null && !Double.isFinite(loss) ? loss : null;
    }

    /** {@code row r, column c} of the first non-finite value. */
    static String firstPosition(INDArray x) {
        double[][] values = x.rank() == 2 ? x.castTo(DataType.DOUBLE).toDoubleMatrix()
                : new double[][] {x.castTo(DataType.DOUBLE).toDoubleVector()};
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                if (!Double.isFinite(values[r][c])) {
                    return "row " + r + ", column " + c;
                }
            }
        }
        return "an element too large to sum";
    }
}
