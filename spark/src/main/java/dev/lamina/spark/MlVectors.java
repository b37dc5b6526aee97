package dev.lamina.spark;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Spark ML's {@code Vector} values, kept apart so that the rest of the module runs without spark-mllib on the class
 * path (a vector column cannot exist without it).
 *
 * <pre>{@code
 * if (MlVectors.isVectorType(field.dataType())) { MlVectors.copy(row.get(i), dst, offset, width, where); }
 * }</pre>
 */
final class MlVectors {

    private static final String VECTOR_CLASS = "org.apache.spark.ml.linalg.Vector";

    private MlVectors() {
    }

    /** Whether a column of this type holds Spark ML vectors (checked by name: needs no spark-mllib). */
    static boolean isVectorType(DataType type) {
        return type instanceof UserDefinedType<?> udt && udt.userClass().getName().equals(VECTOR_CLASS);
    }

    /** The vector's size. */
    static int size(Object vector) {
        return ((Vector) vector).size();
    }

    /** Copies {@code vector} (dense or sparse) into {@code dst[offset, offset + size)}, zeros included. */
    static void copy(Object vector, float[] dst, int offset) {
        if (vector instanceof DenseVector dense) {
            double[] values = dense.values();
            for (int i = 0; i < values.length; i++) {
                dst[offset + i] = (float) values[i];
            }
        } else {
            SparseVector sparse = (SparseVector) vector;
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            java.util.Arrays.fill(dst, offset, offset + sparse.size(), 0f);
            for (int i = 0; i < indices.length; i++) {
                dst[offset + indices[i]] = (float) values[i];
            }
        }
    }
}
