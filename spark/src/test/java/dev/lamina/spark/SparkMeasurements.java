package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import dev.lamina.serialization.ModelJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measurements of docs/scaling.md, printed to standard output (not a check: run it on purpose with
 * {@code mvn -q -o verify -pl core,layers,serialization,spark -Dtest=SparkMeasurements
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlamina.test.groups=spark-measure -Dlamina.test.excluded=none}).
 * Set {@code -Dlamina.measure.units=16} and {@code -Dlamina.measure.ks=1,5,25} to change the sweep.
 */
@Tag("spark-measure")
class SparkMeasurements {

    private final SparkSession spark = LocalSpark.session();

    private static Sequential model(int units) {
        Sequential model = new Sequential("movie_reviews").seed(1);
        model.add(new Dense(units, "relu", 10_000));
        model.add(new Dense(units, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        return model;
    }

    private static INDArray column(float[] values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    @Test
    void measure() throws IOException {
        int units = Integer.getInteger("lamina.measure.units", 16);
        int[] ks = Arrays.stream(System.getProperty("lamina.measure.ks", "1,5,25").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int epochs = Integer.getInteger("lamina.measure.epochs", 4);
        ImdbReviews imdb = ImdbReviews.read(ImdbReviews.archive(), 10_000);
        SparseRows xTrain = SparseRows.multiHot(10_000, imdb.trainWords());
        SparseRows xTest = SparseRows.multiHot(10_000, imdb.testWords());
        INDArray yTrain = column(imdb.trainLabels());
        INDArray yTest = column(imdb.testLabels());
        FitOptions options = FitOptions.epochs(epochs).batchSize(512).seed(1).verbose(0).validationData(xTest, yTest);
        System.out.printf("%n== Spark measurements: %d units, batch 512, RMSprop, %d epochs, local[2], 2 partitions"
                + "%n", units, epochs);

        // 1. compute: local fit, per epoch and per step (without validation), then with the test set as validation
        Sequential warm = model(units);
        warm.fit(xTrain, yTrain, FitOptions.epochs(1).batchSize(512).verbose(0));
        Sequential timed = model(units);
        long t0 = System.nanoTime();
        timed.fit(xTrain, yTrain, FitOptions.epochs(epochs).batchSize(512).seed(1).verbose(0));
        double computeSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("local fit: %.2f s for %d epochs, %.1f ms per step of 512 rows%n", computeSeconds, epochs,
                computeSeconds / epochs / 49 * 1000);
        Sequential local = model(units);
        History localHistory = local.fit(xTrain, yTrain, options);
        System.out.printf("local fit, test accuracy per epoch %s%n", rounded(localHistory.get("val_accuracy")));

        // 2. model bytes: the file format (broadcast once per fit / per scorer) and a round's snapshot
        Sequential trained = local;
        long t1 = System.nanoTime();
        byte[] bytes = null;
        for (int i = 0; i < 10; i++) {
            bytes = ModelJson.toJson(trained).getBytes(StandardCharsets.UTF_8);
        }
        double writeMs = (System.nanoTime() - t1) / 1e7;
        long t2 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            ModelBytes.load(bytes);
        }
        double readMs = (System.nanoTime() - t2) / 1e7;
        Snapshot snapshot = Snapshot.of(trained);
        ByteArrayOutputStream javaBytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(javaBytes)) {
            out.writeObject(snapshot);
        }
        Sequential replica = ModelBytes.load(bytes);
        Snapshot.of(trained).applyTo(replica);
        long t3 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            Snapshot.of(trained).applyTo(replica);
        }
        double snapshotMs = (System.nanoTime() - t3) / 1e7;
        System.out.printf("model file: %,d bytes, write %.1f ms, read %.1f ms; round snapshot: %,d floats, %,d bytes "
                + "Java-serialized, take + apply %.1f ms (%d parameters)%n", bytes.length, writeMs, readMs,
                snapshot.floats(), javaBytes.size(), snapshotMs, trained.countParams());

        // 3. averaging on the driver, for 2, 10 and 100 replicas of this model
        for (int replicas : new int[] {2, 10, 100}) {
            List<RoundResult> results = new ArrayList<>();
            for (int p = 0; p < replicas; p++) {
                results.add(new RoundResult(p, 2560, 5, snapshot, Map.of()));
            }
            Averaging.average(results);
            long t4 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                Averaging.average(results);
            }
            System.out.printf("averaging %d replicas: %.1f ms%n", replicas, (System.nanoTime() - t4) / 5e6);
        }

        // 4. Spark's cost per round without training: broadcast a snapshot, one task per partition, collect one
        //    snapshot back from each (what a round moves), then an empty job
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Integer> two = context.parallelize(List.of(0, 1), 2).cache();
        two.count();
        for (int warmup = 0; warmup < 5; warmup++) {
            roundTrip(context, two, snapshot);
        }
        long t5 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            roundTrip(context, two, snapshot);
        }
        double roundMs = (System.nanoTime() - t5) / 20e6;
        long t6 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            two.map(x -> x).collect();
        }
        double emptyMs = (System.nanoTime() - t6) / 20e6;
        System.out.printf("Spark job, 2 tasks, nothing moved: %.1f ms; round trip of a snapshot (broadcast, 2 tasks, "
                + "collect 2): %.1f ms%n", emptyMs, roundMs);

        // 5. distributed training for each k
        for (int k : ks) {
            Sequential distributed = model(units);
            long t7 = System.nanoTime();
            History history = SparkTrainer.of(distributed).averagingFrequency(k).progressTo(System.out)
                    .fit(SparkImdbTest.reviews(spark, imdb.trainWords(), imdb.trainLabels(), 2),
                            Features.sparse("word_ids"), "label", options.verbose(1));
            double seconds = (System.nanoTime() - t7) / 1e9;
            int rounds = (25 + k - 1) / k;
            System.out.printf("Spark k=%d: %.2f s for %d epochs, %d rounds per epoch (%.0f ms per round); "
                    + "val_accuracy per epoch %s%n", k, seconds, epochs, rounds, seconds / epochs / rounds * 1000,
                    rounded(history.get("val_accuracy")));
        }

        // 6. scoring the 25,000 test reviews
        SparkScorer scorer = SparkScorer.of(trained).batchSize(512);
        for (int i = 0; i < 2; i++) {
            long t8 = System.nanoTime();
            long n = scorer.transform(SparkImdbTest.reviews(spark, imdb.testWords(), imdb.testLabels(), 2),
                    Features.sparse("word_ids"), "p").count();
            double seconds = (System.nanoTime() - t8) / 1e9;
            long t9 = System.nanoTime();
            trained.predict(xTest, 512).close();
            double localPredict = (System.nanoTime() - t9) / 1e9;
            System.out.printf("scoring %,d reviews on Spark: %.2f s (local predict of the same: %.3f s)%n", n, seconds,
                    localPredict);
        }
        assertTrue(localHistory.last("val_accuracy") > 0.8);
    }

    private static void roundTrip(JavaSparkContext context, JavaRDD<Integer> partitions, Snapshot snapshot) {
        Broadcast<Snapshot> shipped = context.broadcast(snapshot);
        partitions.map(p -> shipped.value().iterations()).collect();
        List<Snapshot> back = partitions.map(p -> shipped.value()).collect();
        shipped.destroy();
        if (back.size() != 2) {
            throw new IllegalStateException();
        }
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%.4f", v)).toList();
    }
}
