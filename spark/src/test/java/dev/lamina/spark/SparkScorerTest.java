package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Dense;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparkScorerTest {

    private static final int WIDTH = 20;
    private static final int ROWS = 1003; // not a multiple of any batch size or partition count used here

    private final SparkSession spark = LocalSpark.session();

    private static Sequential model(int outputs) {
        Sequential model = new Sequential().seed(7);
        model.add(new Dense(16, "relu", WIDTH));
        model.add(new Dense(outputs, outputs == 1 ? "sigmoid" : "softmax"));
        return model;
    }

    private static float[][] features(long seed) {
        Random random = new Random(seed);
        float[][] x = new float[ROWS][WIDTH];
        for (float[] row : x) {
            for (int j = 0; j < WIDTH; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    private Dataset<Row> arrays(float[][] x, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            List<Float> values = new ArrayList<>();
            for (float v : x[i]) {
                values.add(v);
            }
            rows.add(RowFactory.create(i, values));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true);
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    /** The predictions of the scored rows, by id. */
    private static float[][] byId(List<Row> scored, int outputs) {
        float[][] out = new float[scored.size()][];
        for (Row row : scored) {
            int id = row.getInt(0);
            Object p = row.get(row.length() - 1);
            if (outputs == 1) {
                out[id] = new float[] {(Float) p};
            } else {
                List<Float> list = row.getList(row.length() - 1);
                out[id] = new float[outputs];
                for (int j = 0; j < outputs; j++) {
                    out[id][j] = list.get(j);
                }
            }
        }
        return out;
    }

    private static void assertBitIdentical(INDArray expected, float[][] actual) {
        float[][] local = expected.toFloatMatrix();
        assertEquals(local.length, actual.length);
        for (int i = 0; i < local.length; i++) {
            for (int j = 0; j < local[i].length; j++) {
                assertEquals(Float.floatToRawIntBits(local[i][j]), Float.floatToRawIntBits(actual[i][j]),
                        "row " + i + ", output " + j + ": local " + local[i][j] + ", Spark " + actual[i][j]);
            }
        }
    }

    @Test
    void scoringEqualsLocalPredictExactly() {
        Sequential model = model(1);
        float[][] x = features(1);
        INDArray local = model.predict(Nd4j.createFromArray(x));
        List<Row> scored = SparkScorer.of(model).transform(arrays(x, 3), "features", "prediction").collectAsList();
        assertEquals(ROWS, scored.size());
        assertBitIdentical(local, byId(scored, 1));
    }

    @Test
    void scoringWithLargerBatchesEqualsLocalPredictWithThem() {
        Sequential model = model(3);
        float[][] x = features(2);
        INDArray local = model.predict(Nd4j.createFromArray(x), 256);
        List<Row> scored = SparkScorer.of(model).batchSize(256).transform(arrays(x, 4), "features", "p")
                .collectAsList();
        assertBitIdentical(local, byId(scored, 3));
        assertEquals(List.of("id", "features", "p"), List.of(scored.get(0).schema().fieldNames()));
    }

    @Test
    void aShortLastBatchGivesTheGemmPathsBits() {
        Sequential model = model(3);
        float[][] x = java.util.Arrays.copyOf(features(8), 37); // one partition: a batch of 32, then one of 5
        INDArray oneBatch = model.predict(Nd4j.createFromArray(x), 64);
        List<Row> scored = SparkScorer.of(model).transform(arrays(x, 1), "features", "p").collectAsList();
        assertBitIdentical(oneBatch, byId(scored, 3));
    }

    @Test
    void vectorColumnsScoreAsTheirDenseRows() {
        Sequential model = model(1);
        float[][] x = features(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double[] d = new double[WIDTH];
            for (int j = 0; j < WIDTH; j++) {
                d[j] = i % 2 == 0 && j % 3 == 0 ? 0 : x[i][j];
                x[i][j] = (float) d[j];
            }
            rows.add(RowFactory.create(i, i % 2 == 0 ? Vectors.dense(d).toSparse() : Vectors.dense(d)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("features", new VectorUDT());
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2);
        List<Row> scored = SparkScorer.of(model).transform(data, "features", "prediction").collectAsList();
        assertBitIdentical(model.predict(Nd4j.createFromArray(x)), byId(scored, 1));
    }

    @Test
    void sparseIndicesScoreAsSparseRows() {
        Sequential model = model(1);
        Random random = new Random(4);
        int[][] indices = new int[ROWS][];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            indices[i] = random.ints(random.nextInt(6), 0, WIDTH).distinct().sorted().toArray();
            List<Integer> list = new ArrayList<>();
            for (int c : indices[i]) {
                list.add(c);
            }
            rows.add(RowFactory.create(i, list));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("words", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(3);
        List<Row> scored = SparkScorer.of(model).transform(data, Features.sparse("words"), "prediction")
                .collectAsList();
        assertBitIdentical(model.predict(SparseRows.multiHot(WIDTH, indices)), byId(scored, 1));
    }

    @Test
    void sparseIndicesWithValuesScoreAsSparseRowsWithValues() {
        Sequential model = model(3);
        Random random = new Random(9);
        int[][] indices = new int[ROWS][];
        float[][] values = new float[ROWS][];
        List<Row> rows = new ArrayList<>();
        int[] offsets = new int[ROWS + 1];
        List<Integer> allIndices = new ArrayList<>();
        List<Float> allValues = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            indices[i] = random.ints(1 + random.nextInt(6), 0, WIDTH).distinct().sorted().toArray();
            values[i] = new float[indices[i].length];
            List<Long> idx = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            for (int j = 0; j < indices[i].length; j++) {
                values[i][j] = (float) random.nextGaussian();
                idx.add((long) indices[i][j]);
                vals.add((double) values[i][j]);
                allIndices.add(indices[i][j]);
                allValues.add(values[i][j]);
            }
            offsets[i + 1] = allIndices.size();
            rows.add(RowFactory.create(i, idx, vals));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("idx", DataTypes.createArrayType(DataTypes.LongType))
                .add("vals", DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2);
        List<Row> scored = SparkScorer.of(model).batchSize(128)
                .transform(data, Features.sparse("idx", "vals"), "prediction").collectAsList();
        float[] flatValues = new float[allValues.size()];
        for (int i = 0; i < flatValues.length; i++) {
            flatValues[i] = allValues.get(i);
        }
        SparseRows local = new SparseRows(WIDTH, offsets, allIndices.stream().mapToInt(Integer::intValue).toArray(),
                flatValues);
        assertBitIdentical(model.predict(local, ROWS), byId(scored, 3));
    }

    @Test
    void anIndexOutsideTheModelsInputIsRefusedNamingTheRow() {
        List<Row> rows = List.of(RowFactory.create(0, List.of(1, 25)));
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("words", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> scored = SparkScorer.of(model(1)).transform(spark.createDataFrame(rows, schema),
                Features.sparse("words"), "p");
        SparkException e = assertThrows(SparkException.class, scored::collectAsList);
        assertTrue(rootCause(e).getMessage().contains("Row 0 of partition 0 (counted from 0): 'words' holds column "
                + "index 25, outside [0, 20)"), rootCause(e).getMessage());
    }

    @Test
    void theModelIsLoadedOncePerExecutorJvm() {
        long before = ModelBytes.sharedLoads();
        SparkScorer.of(model(1)).transform(arrays(features(5), 4), "features", "prediction").count();
        assertEquals(1, ModelBytes.sharedLoads() - before, "local[2] is one executor JVM running 4 tasks");
    }

    @Test
    void missingColumnsFailAtOnceNamingTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.of(model(1)).transform(arrays(features(6), 2), "feature", "prediction"));
        assertTrue(e.getMessage().contains("No column 'feature'") && e.getMessage().contains("[id, features]"),
                e.getMessage());
    }

    @Test
    void anExistingPredictionColumnIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.of(model(1)).transform(arrays(features(6), 2), "features", "id"));
        assertTrue(e.getMessage().contains("already has a column 'id'"), e.getMessage());
    }

    @Test
    void aColumnOfTheWrongTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.of(model(1)).transform(arrays(features(6), 2), "id", "prediction"));
        assertTrue(e.getMessage().contains("Column 'id' has type int"), e.getMessage());
    }

    @Test
    void aRowOfTheWrongWidthFailsTheActionNamingRowAndWidths() {
        float[][] x = features(7);
        x[500] = new float[WIDTH - 1];
        Dataset<Row> scored = SparkScorer.of(model(1)).transform(arrays(x, 1), "features", "prediction");
        SparkException e = assertThrows(SparkException.class, scored::collectAsList);
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, rootCause(e));
        assertTrue(cause.getMessage().contains("'features' has 19 values, but the model takes 20 input columns"),
                cause.getMessage());
    }

    @Test
    void aNullRowFailsTheActionNamingTheFix() {
        List<Row> rows = List.of(RowFactory.create(0, List.of(1f, 2f)), RowFactory.create(1, null));
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType));
        Sequential model = new Sequential(new Dense(1, "sigmoid", 2));
        Dataset<Row> scored = SparkScorer.of(model).transform(spark.createDataFrame(rows, schema), "features", "p");
        SparkException e = assertThrows(SparkException.class, scored::collectAsList);
        assertTrue(rootCause(e).getMessage().contains("has null in column 'features'. Drop or fill such rows"),
                rootCause(e).getMessage());
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
