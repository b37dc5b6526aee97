package dev.lamina.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the feature (and label) columns of rows into a {@link RowBlock}, checking every value on the way: the
 * column types once, on the driver ({@link #of}); widths, nulls, indices and non-finite values per row, on the
 * executors, with the partition and row in the message.
 *
 * <pre>{@code
 * RowReader reader = RowReader.of(dataset.schema(), Features.column("features"), 784, "label");
 * RowBlock block = reader.read(rows, partitionIndex, Integer.MAX_VALUE);
 * }</pre>
 */
final class RowReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { VECTOR, ARRAY, SPARSE }

    private final Features features;
    private final Kind kind;
    private final int featureIndex;
    private final int valuesIndex;
    private final int width;
    private final String labelColumn;
    private final int labelIndex;
    private final boolean labelIsVector;

    private RowReader(Features features, Kind kind, int featureIndex, int valuesIndex, int width, String labelColumn,
                      int labelIndex, boolean labelIsVector) {
        this.features = features;
        this.kind = kind;
        this.featureIndex = featureIndex;
        this.valuesIndex = valuesIndex;
        this.width = width;
        this.labelColumn = labelColumn;
        this.labelIndex = labelIndex;
        this.labelIsVector = labelIsVector;
    }

    /**
     * A reader of rows of {@code schema}: features {@code width} wide (the model's input width) and, unless
     * {@code labelColumn} is null, labels. Fails at once on a missing column or a column of the wrong type.
     */
    static RowReader of(StructType schema, Features features, long width, String labelColumn) {
        if (width <= 0 || width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The model's input width must be in [1, 2^31). Received: " + width);
        }
        Features.requireColumn(schema, features.column(), features.sparse() ? "feature indices" : "features");
        int featureIndex = schema.fieldIndex(features.column());
        DataType type = schema.fields()[featureIndex].dataType();
        Kind kind;
        int valuesIndex = -1;
        if (features.sparse()) {
            if (!isArrayOf(type, IntegerType.class) && !isArrayOf(type, LongType.class)) {
                throw wrongType(schema.fields()[featureIndex], "array<int> or array<bigint> of column indices");
            }
            kind = Kind.SPARSE;
            if (features.valuesColumn() != null) {
                Features.requireColumn(schema, features.valuesColumn(), "values of the sparse features");
                valuesIndex = schema.fieldIndex(features.valuesColumn());
                if (!isArrayOf(schema.fields()[valuesIndex].dataType(), NumericType.class)) {
                    throw wrongType(schema.fields()[valuesIndex], "array<float> or array<double> of values");
                }
            }
        } else if (MlVectors.isVectorType(type)) {
            kind = Kind.VECTOR;
        } else if (isArrayOf(type, NumericType.class)) {
            kind = Kind.ARRAY;
        } else {
            throw wrongType(schema.fields()[featureIndex], "a Spark ML Vector, array<float> or array<double> (or "
                    + "use Features.sparse(indicesColumn[, valuesColumn]) for sparse rows)");
        }
        int labelIndex = -1;
        boolean labelIsVector = false;
        if (labelColumn != null) {
            Features.requireColumn(schema, labelColumn, "labels");
            labelIndex = schema.fieldIndex(labelColumn);
            DataType labelType = schema.fields()[labelIndex].dataType();
            labelIsVector = MlVectors.isVectorType(labelType);
            if (!labelIsVector && !(labelType instanceof NumericType) && !(labelType instanceof BooleanType)
                    && !isArrayOf(labelType, NumericType.class)) {
                throw wrongType(schema.fields()[labelIndex], "a number (one label per row), array<float|double> or "
                        + "a Spark ML Vector (one-hot or multi-label rows)");
            }
        }
        return new RowReader(features, kind, featureIndex, valuesIndex, (int) width, labelColumn, labelIndex,
                labelIsVector);
    }

    private static boolean isArrayOf(DataType type, Class<?> element) {
        return type instanceof ArrayType array && element.isInstance(array.elementType());
    }

    private static IllegalArgumentException wrongType(StructField field, String expected) {
        return new IllegalArgumentException("Column '" + field.name() + "' has type " + field.dataType().simpleString()
                + "; expected " + expected + ".");
    }

    boolean sparse() {
        return kind == Kind.SPARSE;
    }

    int width() {
        return width;
    }

    /**
     * Reads up to {@code maxRows} rows from {@code rows} (partition {@code partition}, whose first row here is number
     * {@code firstRow} of the partition) into a block.
     */
    RowBlock read(Iterator<Row> rows, int partition, long firstRow, int maxRows) {
        RowBlock.Builder block = new RowBlock.Builder(width, sparse(), features.valuesColumn() != null);
        long number = firstRow;
        while (block.rows() < maxRows && rows.hasNext()) {
            Row row = rows.next();
            readFeatures(row, block, partition, number);
            if (labelColumn != null) {
                readLabel(row, block, partition, number);
            }
            block.endRow();
            number++;
        }
        return block.build();
    }

    private void readFeatures(Row row, RowBlock.Builder block, int partition, long number) {
        Object value = row.get(featureIndex);
        if (value == null) {
            throw nullValue(features.column(), partition, number);
        }
        switch (kind) {
            case VECTOR -> {
                int size = MlVectors.size(value);
                requireWidth(size, features.column(), partition, number);
                MlVectors.copy(value, block.denseRow(), block.denseOffset());
            }
            case ARRAY -> {
                List<?> list = row.getList(featureIndex);
                requireWidth(list.size(), features.column(), partition, number);
                float[] dst = block.denseRow();
                int offset = block.denseOffset();
                for (int i = 0; i < list.size(); i++) {
                    dst[offset + i] = number(list.get(i), features.column(), i, partition, number);
                }
            }
            case SPARSE -> {
                List<?> indices = row.getList(featureIndex);
                List<?> values = null;
                if (valuesIndex >= 0) {
                    if (row.isNullAt(valuesIndex)) {
                        throw nullValue(features.valuesColumn(), partition, number);
                    }
                    values = row.getList(valuesIndex);
                    if (values.size() != indices.size()) {
                        throw new IllegalArgumentException(where(partition, number) + " has " + indices.size()
                                + " indices in '" + features.column() + "' but " + values.size() + " values in '"
                                + features.valuesColumn() + "'; each index needs its value.");
                    }
                }
                for (int i = 0; i < indices.size(); i++) {
                    Object index = indices.get(i);
                    if (index == null) {
                        throw new IllegalArgumentException(where(partition, number) + ": '" + features.column()
                                + "' holds a null index at position " + i + ".");
                    }
                    long column = ((Number) index).longValue();
                    if (column < 0 || column >= width) {
                        throw new IllegalArgumentException(where(partition, number) + ": '" + features.column()
                                + "' holds column index " + column + ", outside [0, " + width + ") (the model's "
                                + "input width). Build the indices with the vocabulary the model was built for.");
                    }
                    block.addSparse((int) column, values == null ? 1f
                            : number(values.get(i), features.valuesColumn(), i, partition, number));
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private void readLabel(Row row, RowBlock.Builder block, int partition, long number) {
        Object value = row.get(labelIndex);
        if (value == null) {
            throw nullValue(labelColumn, partition, number);
        }
        if (labelIsVector) {
            float[] label = new float[MlVectors.size(value)];
            MlVectors.copy(value, label, 0);
            block.addLabel(label, labelColumn, where(partition, number));
        } else if (value instanceof Boolean b) {
            block.addLabel(new float[] {b ? 1f : 0f}, labelColumn, where(partition, number));
        } else if (value instanceof Number n) {
            block.addLabel(new float[] {n.floatValue()}, labelColumn, where(partition, number));
        } else {
            List<?> list = row.getList(labelIndex);
            float[] label = new float[list.size()];
            for (int i = 0; i < label.length; i++) {
                label[i] = number(list.get(i), labelColumn, i, partition, number);
            }
            block.addLabel(label, labelColumn, where(partition, number));
        }
    }

    private void requireWidth(int size, String column, int partition, long number) {
        if (size != width) {
            throw new IllegalArgumentException(where(partition, number) + ": '" + column + "' has " + size
                    + " values, but the model takes " + width + " input columns. Build the features with the "
                    + "width the model was built for (its first layer's input dimension).");
        }
    }

    private static float number(Object value, String column, int position, int partition, long number) {
        if (value == null) {
            throw new IllegalArgumentException(where(partition, number) + ": '" + column + "' holds a null at "
                    + "position " + position + ". Fill or drop such rows first (dataset.na()).");
        }
        return ((Number) value).floatValue();
    }

    private static IllegalArgumentException nullValue(String column, int partition, long number) {
        return new IllegalArgumentException(where(partition, number) + " has null in column '" + column + "'. "
                + "Drop or fill such rows first, e.g. dataset.na().drop(new String[] {\"" + column + "\"}).");
    }

    static String where(int partition, long number) {
        return "Row " + number + " of partition " + partition + " (counted from 0)";
    }
}
