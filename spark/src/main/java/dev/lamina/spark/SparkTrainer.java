package dev.lamina.spark;

import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Synchronous data-parallel training of a {@link Sequential} over a {@code Dataset<Row>} by parameter averaging, as
 * DL4J's {@code ParameterAveragingTrainingMaster}: every partition trains a replica of the model with Lamina's own
 * {@code fit} (same optimizers, losses and metrics as on one machine) for {@link #averagingFrequency k} batches of
 * its rows; the driver then averages the replicas' weights and optimizer state (moments, accumulators), and the
 * next round starts every replica from the average. An epoch is every row of every partition once, in a seeded
 * shuffle of each partition; with a fixed seed and partitioning the run is reproducible.
 *
 * <pre>{@code
 * Sequential model = new Sequential().seed(1);
 * model.add(new Dense(16, "relu", 10_000));
 * model.add(new Dense(1, "sigmoid"));
 * model.compile("rmsprop", "binary_crossentropy", "accuracy");
 * History history = SparkTrainer.of(model).averagingFrequency(5)
 *         .fit(reviews, Features.sparse("word_ids"), "label", FitOptions.epochs(4).batchSize(512));
 * }</pre>
 *
 * <p>The model given is trained in place (its weights and optimizer state end as the last average), as
 * {@code model.fit} does. {@link FitOptions} supplies epochs, batch size (per replica step), shuffle, seed,
 * initialEpoch, verbose (one line per epoch on the driver) and validation data (evaluated on the driver after each
 * epoch, into {@code val_} entries). Not supported, and refused with a message: validationSplit, sample and class
 * weights, callbacks, and optimizers with {@code use_ema} (each local fit would end by copying the moving average
 * into the weights). Training metrics are the row-weighted mean of each round's local values: exact for losses and
 * mean metrics (accuracy, mae, ...), an approximation for ratio metrics (precision, recall, AUC, F-scores).
 *
 * <p>Input: the features as for {@link SparkScorer} ({@link Features}), the label a number, {@code array<float>}
 * or a Spark ML vector per row. Missing columns, wrong types, rows of the wrong width, nulls and empty partitions
 * fail with an {@link IllegalArgumentException} that says where and what to do.
 */
public final class SparkTrainer {

    private final Sequential model;
    private final int averagingFrequency;
    private final PrintStream out;

    private SparkTrainer(Sequential model, int averagingFrequency, PrintStream out) {
        this.model = model;
        this.averagingFrequency = averagingFrequency;
        this.out = out;
    }

    /** A trainer of {@code model} (compiled, built), averaging every 5 local steps (DL4J's default). */
    public static SparkTrainer of(Sequential model) {
        ModelBytes.requireUsable(model);
        if (!model.isCompiled()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not compiled. Call model.compile("
                    + "\"rmsprop\", \"binary_crossentropy\", \"accuracy\") (or your choice) first.");
        }
        if (model.optimizer().useEma()) {
            throw new IllegalArgumentException("SparkTrainer cannot train with use_ema: every local fit would end by "
                    + "copying the moving average into the weights. Turn it off (optimizer.useEma(false)).");
        }
        return new SparkTrainer(model, 5, System.out);
    }

    /**
     * Local steps (batches) each replica takes between two averagings ({@code k}, DL4J's
     * {@code averagingFrequency}); 1 averages after every step. Larger k means fewer Spark jobs and less traffic
     * per epoch, and replicas that drift further apart between averagings.
     */
    public SparkTrainer averagingFrequency(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("averagingFrequency must be >= 1 local step. Received: " + k);
        }
        return new SparkTrainer(model, k, out);
    }

    /** Where the per-epoch lines go (standard output by default). */
    public SparkTrainer progressTo(PrintStream stream) {
        return new SparkTrainer(model, averagingFrequency, stream);
    }

    /** Trains on dense features in {@code featuresColumn} and labels in {@code labelColumn}. */
    public History fit(Dataset<Row> data, String featuresColumn, String labelColumn, FitOptions options) {
        return fit(data, Features.column(featuresColumn), labelColumn, options);
    }

    /** Trains on {@code features} (dense or sparse) and labels in {@code labelColumn}. */
    public History fit(Dataset<Row> data, Features features, String labelColumn, FitOptions options) {
        if (data == null || options == null) {
            throw new IllegalArgumentException("fit needs a dataset and FitOptions, e.g. FitOptions.epochs(4)");
        }
        requireSupported(options);
        RowReader.of(data.schema(), features, model.inputSize(), labelColumn); // checks names and types first
        List<Column> columns = new ArrayList<>();
        features.columns().forEach(c -> columns.add(data.col(c)));
        columns.add(data.col(labelColumn));
        Dataset<Row> selected = data.select(columns.toArray(new Column[0]));
        RowReader reader = RowReader.of(selected.schema(), features, model.inputSize(), labelColumn);
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        JavaRDD<RowBlock> blocks = selected.javaRDD().mapPartitionsWithIndex(
                (partition, rows) -> List.of(reader.read(rows, partition, 0, Integer.MAX_VALUE)).iterator(), true);
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        Broadcast<byte[]> modelBytes = null;
        String run = UUID.randomUUID().toString();
        try {
            int[] rows = partitionRows(blocks);
            modelBytes = spark.broadcast(ModelBytes.of(model));
            return train(spark, blocks, rows, modelBytes, run, options);
        } catch (SparkException e) {
            throw unwrap(e);
        } finally {
            blocks.unpersist(false);
            if (modelBytes != null) {
                modelBytes.destroy();
            }
            Replicas.forget(run); // the driver's JVM (local mode); executors keep at most two runs' replicas
        }
    }

    private History train(JavaSparkContext spark, JavaRDD<RowBlock> blocks, int[] rows, Broadcast<byte[]> modelBytes,
                          String run, FitOptions options) throws SparkException {
        int batchSize = options.batchSize();
        int maxSteps = 0;
        for (int n : rows) {
            maxSteps = Math.max(maxSteps, (n + batchSize - 1) / batchSize);
        }
        int rounds = (maxSteps + averagingFrequency - 1) / averagingFrequency;
        long seed = options.seed() != null ? options.seed()
                : model.seed() != null ? model.seed() * 31 + 17 : System.nanoTime();
        History history = new History();
        for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
            long started = System.nanoTime();
            double lossRows = 0;
            Map<String, Double> sums = new LinkedHashMap<>();
            long seen = 0;
            for (int round = 0; round < rounds; round++) {
                Broadcast<Snapshot> start = spark.broadcast(Snapshot.of(model));
                List<RoundResult> results;
                try {
                    results = new ArrayList<>(blocks.mapPartitionsWithIndex(new LocalSteps(run, modelBytes, start,
                            epoch, round, averagingFrequency, batchSize, options.shuffle(), seed), true).collect());
                } finally {
                    start.destroy();
                }
                results.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
                Averaging.average(results).applyTo(model);
                for (RoundResult r : results) {
                    seen += r.rows();
                    r.logs().forEach((name, value) -> sums.merge(name, value * r.rows(), Double::sum));
                }
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            for (Map.Entry<String, Double> sum : sums.entrySet()) {
                logs.put(sum.getKey(), sum.getValue() / seen);
            }
            if (options.validationX() != null) {
                Map<String, Double> scores = options.validationX() instanceof SparseRows sparse
                        ? model.evaluate(sparse, options.validationY(), batchSize)
                        : model.evaluate((INDArray) options.validationX(), options.validationY(), batchSize);
                scores.forEach((name, value) -> logs.put("val_" + name, value));
            }
            history.record(epoch, logs);
            if (options.verbose() > 0) {
                out.println(progressLine(epoch, options.epochs(), (System.nanoTime() - started) / 1e9, rounds,
                        rows.length, logs));
            }
        }
        return history;
    }

    /** Keras's one line per epoch, with what the epoch took on Spark. */
    private String progressLine(int epoch, int epochs, double seconds, int rounds, int partitions,
                                Map<String, Double> logs) {
        StringBuilder line = new StringBuilder(String.format("Epoch %d/%d - %.1fs - %d rounds of %d steps on %d "
                + "partitions", epoch + 1, epochs, seconds, rounds, averagingFrequency, partitions));
        new TreeMap<>(logs).forEach((name, value) -> line.append(String.format(" - %s: %.4f", name, value)));
        return line.toString();
    }

    /** Reads every partition once (cached for the rounds) and checks that none is empty. */
    private static int[] partitionRows(JavaRDD<RowBlock> blocks) {
        List<Integer> counts = blocks.map(RowBlock::rows).collect();
        int[] rows = counts.stream().mapToInt(Integer::intValue).toArray();
        long total = Arrays.stream(rows).asLongStream().sum();
        if (total == 0) {
            throw new IllegalArgumentException("The dataset has no rows to train on.");
        }
        for (int p = 0; p < rows.length; p++) {
            if (rows[p] == 0) {
                throw new IllegalArgumentException("Partition " + p + " of " + rows.length + " is empty (rows per "
                        + "partition: " + Arrays.toString(rows) + "). Every partition trains a replica of the model; "
                        + "spread the rows over non-empty partitions first, e.g. dataset.repartition("
                        + Math.max(1, Arrays.stream(rows).filter(n -> n > 0).count()) + ").");
            }
        }
        return rows;
    }

    private static void requireSupported(FitOptions options) {
        String unsupported = null;
        if (options.validationSplit() > 0) {
            unsupported = "validationSplit (hold out a Dataset with randomSplit and pass it as validationData(x, y), "
                    + "or score it with SparkScorer)";
        } else if (options.sampleWeights() != null) {
            unsupported = "sampleWeights";
        } else if (options.classWeight() != null) {
            unsupported = "classWeight";
        } else if (!options.callbacks().isEmpty()) {
            unsupported = "callbacks (read the History that fit returns, or train epoch by epoch with initialEpoch)";
        }
        if (unsupported != null) {
            throw new IllegalArgumentException("SparkTrainer does not support " + unsupported + ".");
        }
    }

    /** The error a task raised (bad rows, a non-finite loss), rather than Spark's wrapper around it. */
    private static RuntimeException unwrap(SparkException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException) {
                return new IllegalArgumentException(cause.getMessage(), e);
            }
            if (cause instanceof IllegalStateException) {
                return new IllegalStateException(cause.getMessage(), e);
            }
            if (cause instanceof ArithmeticException) {
                return new ArithmeticException(cause.getMessage());
            }
        }
        return new IllegalStateException("Distributed training failed: " + e.getMessage(), e);
    }
}
