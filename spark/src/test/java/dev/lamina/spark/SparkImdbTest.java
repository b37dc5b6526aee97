package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IMDB movie-review model (10,000-word multi-hot, 16 relu, 16 relu, 1 sigmoid, RMSprop, batch 512) trained
 * for the example's 4 epochs on one machine and on Spark {@code local[2]} with two partitions, averaging every 5
 * steps: Spark's test accuracy reaches the local one's less one point, and scoring the test reviews on Spark gives the
 * distributed model's own predictions. The bound is one-sided: the local model over-fits from its third epoch on (test
 * accuracy 0.8837, 0.8885, 0.8862, 0.8746 after epochs 1-4 here), while two replicas averaged take half as many
 * optimizer steps per epoch and reach that point later (0.8635, 0.8824, 0.8805, 0.8892), so after 4 epochs Spark is
 * 1.5 points <em>better</em>; docs/scaling.md has the whole table. Tagged: it reads the 28 MB archive (run with
 * {@code -Dlamina.test.groups=spark-imdb}, see the README).
 */
@Tag("spark-imdb")
class SparkImdbTest {

    private static ImdbReviews imdb;
    private final SparkSession spark = LocalSpark.session();

    @BeforeAll
    static void read() throws IOException {
        imdb = ImdbReviews.read(ImdbReviews.archive(), 10_000);
    }

    private static Sequential model() {
        Sequential model = new Sequential("movie_reviews").seed(1);
        model.add(new Dense(16, "relu", 10_000));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile("rmsprop", "binary_crossentropy", "accuracy");
        return model;
    }

    static Dataset<Row> reviews(SparkSession spark, int[][] words, float[] labels, int partitions) {
        List<Row> rows = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            rows.add(RowFactory.create(i, words[i], labels[i])); // int[]: array<int>
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("word_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("label", DataTypes.FloatType, false);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(context.parallelize(rows, partitions), schema);
    }

    private static INDArray column(float[] values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    @Test
    void distributedTrainingReachesLocalTestAccuracyLessOnePoint() {
        SparseRows xTrain = SparseRows.multiHot(10_000, imdb.trainWords());
        SparseRows xTest = SparseRows.multiHot(10_000, imdb.testWords());
        INDArray yTest = column(imdb.testLabels());
        FitOptions options = FitOptions.epochs(4).batchSize(512).seed(1).verbose(0);

        Sequential local = model();
        local.fit(xTrain, column(imdb.trainLabels()), options);
        double localAccuracy = local.evaluate(xTest, yTest, 512).get("accuracy");

        Sequential distributed = model();
        History history = SparkTrainer.of(distributed).averagingFrequency(5).fit(
                reviews(spark, imdb.trainWords(), imdb.trainLabels(), 2), Features.sparse("word_ids"), "label",
                options);
        double sparkAccuracy = distributed.evaluate(xTest, yTest, 512).get("accuracy");

        assertTrue(localAccuracy > 0.85, "local test accuracy " + localAccuracy);
        assertTrue(sparkAccuracy >= localAccuracy - 0.01, "Spark " + sparkAccuracy + " vs local "
                + localAccuracy + "; " + history);
        assertEquals(4, history.get("accuracy").size());

        // scoring the test reviews on Spark: the distributed model's own predictions, row for row
        List<Row> scored = SparkScorer.of(distributed).batchSize(512)
                .transform(reviews(spark, imdb.testWords(), imdb.testLabels(), 3), Features.sparse("word_ids"), "p")
                .select("id", "p").collectAsList();
        float[] expected = distributed.predict(xTest, 512).dup('c').data().asFloat();
        int correct = 0;
        for (Row row : scored) {
            int id = row.getInt(0);
            float p = row.getFloat(1);
            assertEquals(expected[id], p, 1e-6f, "review " + id);
            correct += (p > 0.5f) == (imdb.testLabels()[id] == 1f) ? 1 : 0;
        }
        assertEquals(sparkAccuracy, (double) correct / scored.size(), 1e-9);
    }
}
