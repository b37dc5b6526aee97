package dev.lamina.examples.reviews;

import dev.lamina.core.activation.Activations;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.spark.Features;
import dev.lamina.spark.SparkScorer;
import dev.lamina.spark.SparkTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code movie-reviews train --spark MASTER}: the movie-review model trained on Spark by parameter averaging
 * ({@link SparkTrainer}), then scored on the 25,000 test reviews on Spark ({@link SparkScorer}); saves the model and
 * its vocabulary as {@code train} does, so that {@code predict} and {@code score} can use them.
 *
 * <pre>{@code
 * ./examples/movie-reviews train --spark local[2] --partitions 2 --averaging-frequency 5
 * }</pre>
 */
public final class SparkTrainCommand {

    static final List<String> FLAGS = List.of("--quiet");
    static final List<String> VALUED = List.of("--spark", "--data", "--out", "--epochs", "--batch-size", "--vocab",
            "--units", "--optimizer", "--learning-rate", "--seed", "--partitions", "--averaging-frequency");

    private final PrintStream out;
    private final Path projectRoot;

    public SparkTrainCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    /** Trains, evaluates and saves; returns the test accuracy. */
    public double run(String[] args) throws IOException {
        Options options = Options.parse(args, java.util.Set.copyOf(FLAGS), java.util.Set.copyOf(VALUED));
        int epochs = options.integer("--epochs", 4);
        int batchSize = options.integer("--batch-size", 512);
        int vocabularySize = options.integer("--vocab", 10_000);
        int units = options.integer("--units", 16);
        int partitions = options.integer("--partitions", 2);
        int k = options.integer("--averaging-frequency", 5);
        long seed = options.integer("--seed", 1);
        String optimizer = options.text("--optimizer", "rmsprop");
        Optimizers.get(optimizer); // fail now on a bad name, not after reading the data
        Path outDir = Path.of(options.text("--out", projectRoot.resolve("out/movie-reviews").toString()));
        Files.createDirectories(outDir);

        long t0 = System.nanoTime();
        Path data = new DataLocator(projectRoot, DataLocator.defaultCache(), out)
                .locate(Optional.ofNullable(options.text("--data", null)).map(Path::of));
        ImdbDataset imdb = ImdbDataset.read(data);
        List<List<String>> trainTokens = imdb.train().stream().map(r -> Tokenizer.tokenize(r.text())).toList();
        Vocabulary vocabulary = Vocabulary.build(trainTokens, vocabularySize);
        ReviewColumns columns = new ReviewColumns(vocabulary.words());
        out.printf("Read %,d training and %,d test reviews from %s; vocabulary of %,d words; %.1f s%n",
                imdb.train().size(), imdb.test().size(), data, vocabulary.size(), (System.nanoTime() - t0) / 1e9);

        try (SparkSession spark = SparkSessions.start(options.text("--spark", null))) {
            Dataset<Row> train = rows(spark, imdb.train(), columns, partitions, seed);
            Dataset<Row> test = rows(spark, imdb.test(), columns, partitions, seed);

            Sequential model = ReviewModel.compiled(new int[] {units, units}, Activations.get("relu"),
                    vocabulary.size(), seed, Optimizers.get(optimizer, ReviewModel.optimizerConfig(options)));
            out.printf("%nTraining on Spark %s: %d partitions, averaging every %d steps of %d reviews%n",
                    spark.sparkContext().master(), partitions, k, batchSize);
            long t1 = System.nanoTime();
            History history = SparkTrainer.of(model).averagingFrequency(k).progressTo(out).fit(train,
                    Features.sparse("word_ids"), "label",
                    FitOptions.epochs(epochs).batchSize(batchSize).seed(seed).verbose(options.flag("--quiet") ? 0 : 1));
            double trainSeconds = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            Dataset<Row> scored = SparkScorer.of(model).batchSize(batchSize)
                    .transform(test, Features.sparse("word_ids"), "probability");
            Row counts = scored.agg(functions.count("*"), functions.sum(functions.when(
                    scored.col("probability").geq(0.5).equalTo(scored.col("label").equalTo(1f)), 1).otherwise(0)))
                    .first();
            double accuracy = (double) counts.getLong(1) / counts.getLong(0);
            ModelFiles files = ModelFiles.save(model, vocabulary, outDir);
            out.printf("%nTest accuracy (scored on Spark): %.4f on %,d reviews; training loss %.4f%n", accuracy,
                    counts.getLong(0), history.last("loss"));
            out.printf("Time: train %.1f s, score %.1f s, total %.1f s%n", trainSeconds,
                    (System.nanoTime() - t2) / 1e9, (System.nanoTime() - t0) / 1e9);
            out.println(files.summary());
            return accuracy;
        }
    }

    /** The reviews as (word_ids array<int>, label float), spread over {@code partitions} in a seeded random order. */
    static Dataset<Row> rows(SparkSession spark, List<Review> reviews, ReviewColumns columns, int partitions,
                             long seed) {
        List<Row> rows = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            rows.add(RowFactory.create(columns.of(review.text()), review.positive() ? 1f : 0f));
        }
        StructType schema = new StructType()
                .add("word_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("label", DataTypes.FloatType, false);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // the archive lists reviews by label: each partition must see both kinds, so shuffle before splitting
        java.util.Collections.shuffle(rows, new java.util.Random(seed));
        return spark.createDataFrame(context.parallelize(rows, partitions), schema).cache();
    }
}
