package dev.lamina.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a {@code Dataset<Row>} hold a model's input: one column of dense rows (a Spark ML
 * {@code Vector}, {@code array<float>} or {@code array<double>}), or the sparse form, a column of column indices
 * ({@code array<int>}) with an optional column of their values ({@code array<float>} or {@code array<double>};
 * without it every listed column is 1, a multi-hot row). Dense rows become an {@code INDArray}, sparse rows a
 * {@link dev.lamina.layers.SparseRows}, exactly as a local {@code predict} or {@code fit} would take them; an ML
 * {@code SparseVector} in a vector column is expanded to a dense row.
 *
 * <pre>{@code
 * Features dense = Features.column("features");
 * Features multiHot = Features.sparse("word_ids");
 * Features tfidf = Features.sparse("word_ids", "weights");
 * }</pre>
 *
 * @param column       the dense column, or the indices column of sparse rows
 * @param valuesColumn the values of sparse rows, or null (all ones); always null for dense rows
 * @param sparse       whether the rows are given as indices (and values)
 */
public record Features(String column, String valuesColumn, boolean sparse) implements Serializable {

    public Features {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("Features needs a column name. Received: " + column);
        }
        if (valuesColumn != null && !sparse) {
            throw new IllegalArgumentException("A values column goes with sparse indices: Features.sparse(\""
                    + column + "\", \"" + valuesColumn + "\")");
        }
    }

    /** Dense rows in one column: a Spark ML {@code Vector}, {@code array<float>} or {@code array<double>}. */
    public static Features column(String name) {
        return new Features(name, null, false);
    }

    /** Multi-hot rows: the columns set to 1, as {@code array<int>}. */
    public static Features sparse(String indicesColumn) {
        return new Features(indicesColumn, null, true);
    }

    /** Sparse rows: column indices ({@code array<int>}) and their values ({@code array<float|double>}). */
    public static Features sparse(String indicesColumn, String valuesColumn) {
        if (valuesColumn == null || valuesColumn.isBlank()) {
            throw new IllegalArgumentException("Features.sparse needs a values column name, or use "
                    + "Features.sparse(\"" + indicesColumn + "\") for all-ones rows");
        }
        return new Features(indicesColumn, valuesColumn, true);
    }

    /** The columns read, in order. */
    List<String> columns() {
        return valuesColumn == null ? List.of(column) : List.of(column, valuesColumn);
    }

    /** Fails with the available columns when one of {@link #columns()} is not in {@code schema}. */
    static void requireColumn(StructType schema, String name, String role) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("No column '" + name + "' (" + role + ") in the dataset; its columns "
                    + "are " + Arrays.toString(schema.fieldNames()) + ". Pass the name of the column that holds "
                    + "the " + role + ".");
        }
    }
}
