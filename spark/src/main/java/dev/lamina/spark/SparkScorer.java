package dev.lamina.spark;

import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.collection.immutable.ArraySeq;

/**
 * Distributed {@code predict}: adds a prediction column to a {@code Dataset<Row>}. The model travels once, as its
 * model-file bytes in a Spark broadcast; each executor JVM loads it once and its tasks share it. Each partition is
 * predicted {@link #batchSize} rows at a time with the model's own {@code predict} (a short last batch padded to more
 * than 8 rows, so that every row goes through ND4J's GEMM), so a row's prediction is the float32 value a local
 * {@code model.predict} gives for it, bit for bit, whatever the partitioning (local predict computes batches of at
 * most 8 rows in Java, which can differ in the last bit: there the two agree to about 1e-7).
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkScorer.of(model).batchSize(512).transform(reviews, "features", "prediction");
 * Dataset<Row> sparse = SparkScorer.of(model).transform(reviews, Features.sparse("word_ids"), "prediction");
 * }</pre>
 *
 * <p>The prediction column is {@code float} for a model with one output unit and {@code array<float>} otherwise. The
 * result is lazy like any Spark transformation: a row with a null, too short or too long feature vector, or an index
 * outside the model's input width, fails the action that reads it, with an {@link IllegalArgumentException} (inside
 * Spark's {@code SparkException}) naming the partition, the row and the column. Missing columns and columns of the
 * wrong type fail at once. Custom activations must be registered in every executor JVM before the first task runs.
 */
public final class SparkScorer {

    /** The most rows Lamina's {@code predict} computes in Java instead of ND4J's GEMM ({@code Pass.MAX_JAVA_ROWS}). */
    static final int JAVA_PATH_ROWS = 8;

    private final byte[] model;
    private final long inputSize;
    private final int outputSize;
    private final int batchSize;

    private SparkScorer(byte[] model, long inputSize, int outputSize, int batchSize) {
        this.model = model;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.batchSize = batchSize;
    }

    /**
     * A scorer of {@code model} as it is now (its bytes are taken here; later training does not change this
     * scorer), predicting 32 rows at a time, as {@code model.predict(x)}.
     */
    public static SparkScorer of(Sequential model) {
        byte[] bytes = ModelBytes.of(model);
        return new SparkScorer(bytes, model.inputSize(), (int) model.outputSize(), 32);
    }

    /** Rows per {@code predict} call in a task (default 32, as {@code model.predict(x)}); larger is faster. */
    public SparkScorer batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + batchSize);
        }
        return new SparkScorer(model, inputSize, outputSize, batchSize);
    }

    /** The size of the model's bytes, which Spark broadcasts once per transform. */
    public int modelBytes() {
        return model.length;
    }

    /** Adds {@code predictionColumn} for the dense features in {@code featuresColumn}. */
    public Dataset<Row> transform(Dataset<Row> data, String featuresColumn, String predictionColumn) {
        return transform(data, Features.column(featuresColumn), predictionColumn);
    }

    /** Adds {@code predictionColumn} for the features {@code features} (dense or sparse) of every row. */
    public Dataset<Row> transform(Dataset<Row> data, Features features, String predictionColumn) {
        if (data == null) {
            throw new IllegalArgumentException("The dataset is null");
        }
        StructType schema = data.schema();
        if (predictionColumn == null || predictionColumn.isBlank()) {
            throw new IllegalArgumentException("Give the prediction column a name, e.g. \"prediction\"");
        }
        if (Arrays.asList(schema.fieldNames()).contains(predictionColumn)) {
            throw new IllegalArgumentException("The dataset already has a column '" + predictionColumn + "'; choose "
                    + "another name for the predictions or drop it first (dataset.drop(\"" + predictionColumn
                    + "\")).");
        }
        RowReader reader = RowReader.of(schema, features, inputSize, null);
        DataType type = outputSize == 1 ? DataTypes.FloatType : DataTypes.createArrayType(DataTypes.FloatType, false);
        StructType out = schema.add(predictionColumn, type, false);
        Broadcast<byte[]> shipped = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
                .broadcast(model);
        return data.mapPartitions(new Scoring(shipped, reader, batchSize, outputSize), Encoders.row(out));
    }

    /** The work of one partition: batches of rows in, the same rows with their prediction out. */
    private record Scoring(Broadcast<byte[]> model, RowReader reader, int batchSize, int outputSize)
            implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            int partition = TaskContext.getPartitionId();
            return new Iterator<>() {
                private final List<Row> pending = new ArrayList<>();
                private float[] predictions;
                private int next;
                private long read;

                @Override
                public boolean hasNext() {
                    if (next < pending.size()) {
                        return true;
                    }
                    pending.clear();
                    next = 0;
                    while (pending.size() < batchSize && rows.hasNext()) {
                        pending.add(rows.next());
                    }
                    if (pending.isEmpty()) {
                        return false;
                    }
                    RowBlock block = reader.read(pending.iterator(), partition, read, batchSize);
                    read += pending.size();
                    Sequential shared = ModelBytes.shared(model);
                    // Lamina predicts batches of up to 8 rows in Java, whose float sums may differ in the last bit
                    // from ND4J's GEMM; a short last batch is padded to 9 rows so that every row takes the GEMM
                    // path, as in any local predict that batches it with more than 8 rows
                    Object x = block.rows() <= JAVA_PATH_ROWS && batchSize > JAVA_PATH_ROWS
                            ? block.features(JAVA_PATH_ROWS + 1) : block.features();
                    INDArray p = x instanceof SparseRows sparse ? shared.predict(sparse, batchSize)
                            : shared.predict((INDArray) x, batchSize);
                    predictions = p.dup('c').data().asFloat();
                    p.close();
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row row = pending.get(next);
                    Object[] values = new Object[row.length() + 1];
                    for (int i = 0; i < row.length(); i++) {
                        values[i] = row.get(i);
                    }
                    if (outputSize == 1) {
                        values[row.length()] = predictions[next];
                    } else {
                        float[] one = Arrays.copyOfRange(predictions, next * outputSize, (next + 1) * outputSize);
                        values[row.length()] = ArraySeq.unsafeWrapArray(one); // Spark's external array type
                    }
                    next++;
                    return RowFactory.create(values);
                }
            };
        }
    }
}
