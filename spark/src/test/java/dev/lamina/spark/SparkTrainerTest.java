package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Adam;
import dev.lamina.core.optimizer.SGD;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.TerminateOnNaN;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparkTrainerTest {

    private static final int WIDTH = 10;

    private final SparkSession spark = LocalSpark.session();

    /** Two Gaussian blobs: label 1 where the first three features sum above 0. */
    private static float[][] blobs(int rows, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[rows][WIDTH + 1];
        for (float[] row : x) {
            for (int j = 0; j < WIDTH; j++) {
                row[j] = (float) random.nextGaussian();
            }
            row[WIDTH] = row[0] + row[1] + row[2] > 0 ? 1f : 0f;
        }
        return x;
    }

    /** The rows as (features array<float>, label float), the first rows in partition 0, and so on. */
    private Dataset<Row> dataset(float[][] data, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (float[] row : data) {
            rows.add(RowFactory.create(java.util.Arrays.copyOf(row, WIDTH), row[WIDTH])); // float[]: array<float>
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false))
                .add("label", DataTypes.FloatType);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(rows, partitions), schema);
    }

    private static INDArray x(float[][] data) {
        float[][] x = new float[data.length][];
        for (int i = 0; i < data.length; i++) {
            x[i] = java.util.Arrays.copyOf(data[i], WIDTH);
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray y(float[][] data) {
        float[][] y = new float[data.length][1];
        for (int i = 0; i < data.length; i++) {
            y[i][0] = data[i][WIDTH];
        }
        return Nd4j.createFromArray(y);
    }

    private static Sequential model(Object optimizer) {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(8, "relu", WIDTH));
        model.add(new Dense(1, "sigmoid"));
        if (optimizer instanceof String name) {
            model.compile(name, "binary_crossentropy", "accuracy");
        } else {
            model.compile((dev.lamina.core.optimizer.Optimizer) optimizer, "binary_crossentropy", "accuracy");
        }
        return model;
    }

    private static float[] flat(Sequential model) {
        List<Float> values = new ArrayList<>();
        for (INDArray w : model.getWeights()) {
            for (float v : w.dup('c').data().asFloat()) {
                values.add(v);
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void onePartitionTrainsExactlyAsLocalFit() {
        float[][] data = blobs(700, 1);
        Sequential local = model(new Adam(0.01));
        History expected = local.fit(x(data), y(data), FitOptions.epochs(3).batchSize(64).shuffle(false).verbose(0));
        Sequential distributed = model(new Adam(0.01));
        History actual = SparkTrainer.of(distributed).averagingFrequency(4)
                .fit(dataset(data, 1), "features", "label", FitOptions.epochs(3).batchSize(64).shuffle(false)
                        .verbose(0));
        assertArrayEquals(flat(local), flat(distributed), 0f, "bit for bit: rounds of 4 steps, one replica");
        assertEquals(local.optimizer().iterations(), distributed.optimizer().iterations());
        assertEquals(expected.get("loss").size(), actual.get("loss").size());
        for (int e = 0; e < 3; e++) {
            assertEquals(expected.get("loss").get(e), actual.get("loss").get(e), 1e-6);
            assertEquals(expected.get("accuracy").get(e), actual.get("accuracy").get(e), 1e-9);
        }
    }

    @Test
    void averagingAfterEachSgdStepEqualsOneLocalStepOnBothBatches() {
        float[][] data = blobs(128, 2); // two partitions of one 64-row batch each
        Sequential local = model(new SGD(0.1, 0.0, false));
        local.fit(x(data), y(data), FitOptions.epochs(1).batchSize(128).shuffle(false).verbose(0));
        Sequential distributed = model(new SGD(0.1, 0.0, false));
        SparkTrainer.of(distributed).averagingFrequency(1).fit(dataset(data, 2), "features", "label",
                FitOptions.epochs(1).batchSize(64).shuffle(false).verbose(0));
        assertArrayEquals(flat(local), flat(distributed), 1e-6f,
                "mean of w - lr g1 and w - lr g2 = w - lr (g1 + g2) / 2, the step on the 128-row batch");
    }

    @Test
    void distributedTrainingLearnsAndReportsHistoryWithValidation() {
        float[][] data = blobs(4000, 3);
        float[][] held = blobs(1000, 4);
        Sequential model = model(new Adam(0.01));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        History history = SparkTrainer.of(model).averagingFrequency(5)
                .progressTo(new PrintStream(progress, true, StandardCharsets.UTF_8))
                .fit(dataset(data, 4), "features", "label", FitOptions.epochs(5).batchSize(32).seed(9)
                        .validationData(x(held), y(held)));
        assertEquals(List.of(0, 1, 2, 3, 4), history.epochs());
        assertTrue(history.history().keySet().containsAll(List.of("loss", "accuracy", "val_loss", "val_accuracy")),
                history.toString());
        assertTrue(history.last("val_accuracy") > 0.95, history.toString());
        assertTrue(history.get("loss").get(4) < history.get("loss").get(0), history.toString());
        assertEquals(history.last("val_accuracy"), model.evaluate(x(held), y(held)).get("accuracy"), 1e-12);
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertEquals(5, lines.lines().count(), lines);
        assertTrue(lines.startsWith("Epoch 1/5 - ") && lines.contains("rounds of 5 steps on 4 partitions")
                && lines.contains(" - val_accuracy: "), lines);
    }

    @Test
    void aFixedSeedAndPartitioningReproduceTheRunBitForBit() {
        float[][] data = blobs(1500, 5);
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            Sequential model = model("adam");
            SparkTrainer.of(model).averagingFrequency(3).fit(dataset(data, 3), "features", "label",
                    FitOptions.epochs(2).batchSize(50).seed(11).verbose(0));
            runs[run] = flat(model);
        }
        assertArrayEquals(runs[0], runs[1], 0f);
    }

    @Test
    void emptyPartitionsAreRefusedWithTheRowCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(
                model("sgd")).fit(dataset(blobs(2, 6), 3), "features", "label", FitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("is empty (rows per partition: [0, 1, 1])")
                && e.getMessage().contains("repartition(2)"), e.getMessage());
    }

    @Test
    void aMissingLabelColumnIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(
                model("sgd")).fit(dataset(blobs(10, 7), 1), "features", "target", FitOptions.epochs(1)));
        assertTrue(e.getMessage().contains("No column 'target' (labels)"), e.getMessage());
    }

    @Test
    void rowsOfTheWrongWidthFailNamingPartitionAndRow() {
        List<Row> rows = List.of(RowFactory.create(List.of(1f, 2f), 1f), RowFactory.create(List.of(1f), 0f));
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.FloatType);
        Sequential model = new Sequential(new Dense(1, "sigmoid", 2));
        model.compile("sgd", "binary_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(model)
                .fit(spark.createDataFrame(rows, schema).coalesce(1), "features", "label", FitOptions.epochs(1)));
        assertTrue(e.getMessage().contains("Row 1 of partition 0 (counted from 0): 'features' has 1 values, but the "
                + "model takes 2 input columns"), e.getMessage());
    }

    @Test
    void labelsTheModelCannotTakeFailWithLaminasMessage() {
        List<Row> rows = List.of(RowFactory.create(List.of(1f, 2f), List.of(1f, 0f, 0f)));
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.createArrayType(DataTypes.FloatType));
        Sequential model = new Sequential(new Dense(2, "softmax", 2));
        model.compile("sgd", "categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(model)
                .fit(spark.createDataFrame(rows, schema), "features", "label", FitOptions.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("categorical_crossentropy expects labels of shape [1, 2]; got [1, 3]"),
                e.getMessage());
    }

    @Test
    void optionsItCannotHonourAreRefused() {
        Dataset<Row> data = dataset(blobs(10, 8), 1);
        IllegalArgumentException callbacks = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(
                model("sgd")).fit(data, "features", "label", FitOptions.epochs(1).callbacks(new TerminateOnNaN())));
        assertTrue(callbacks.getMessage().contains("does not support callbacks"), callbacks.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> SparkTrainer.of(
                model("sgd")).fit(data, "features", "label", FitOptions.epochs(1).validationSplit(0.2)));
        assertTrue(split.getMessage().contains("validationSplit"), split.getMessage());
        IllegalArgumentException ema = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.of(model(new Adam(0.01).useEma(true))));
        assertTrue(ema.getMessage().contains("use_ema"), ema.getMessage());
    }
}
