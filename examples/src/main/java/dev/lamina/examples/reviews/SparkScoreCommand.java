package dev.lamina.examples.reviews;

import dev.lamina.layers.Sequential;
import dev.lamina.spark.Features;
import dev.lamina.spark.SparkScorer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code movie-reviews score --spark MASTER --input DIR_OR_TAR --output DIR}: scores every {@code .txt} review in a
 * folder (searched recursively) or a {@code .tar.gz} with a model saved by {@code train}, on Spark: the executors
 * tokenize the texts with the model's vocabulary and run {@link SparkScorer}; the result (source, probability,
 * sentiment) is written as Parquet (default) or CSV into DIR.
 *
 * <pre>{@code
 * ./examples/movie-reviews score --spark local[2] --input ../shared/data/aclImdb_v1-labeled.tar.gz --output out/scores
 * }</pre>
 */
public final class SparkScoreCommand {

    static final Set<String> FLAGS = Set.of();
    static final Set<String> VALUED = Set.of("--spark", "--input", "--output", "--model", "--format", "--partitions");

    private final PrintStream out;
    private final Path projectRoot;

    public SparkScoreCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    /** Scores and writes; returns the number of reviews scored. */
    public long run(String[] args) throws IOException {
        Options options = Options.parse(args, FLAGS, VALUED);
        String inputText = options.text("--input", null);
        String outputText = options.text("--output", null);
        if (inputText == null || outputText == null) {
            throw new IllegalArgumentException("score needs --input DIR_OR_TAR (a folder of .txt reviews or a .tar.gz) "
                    + "and --output DIR");
        }
        String format = options.text("--format", "parquet");
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format is parquet or csv, not '" + format + "'");
        }
        Path input = Path.of(inputText);
        Path output = Path.of(outputText);
        if (Files.exists(output) && (!Files.isDirectory(output) || !isEmpty(output))) {
            throw new IOException(output + " exists and is not an empty folder; choose a new --output DIR");
        }
        Path modelPath = Path.of(options.text("--model", projectRoot.resolve("out/movie-reviews/model.json")
                .toString()));
        if (!Files.isRegularFile(modelPath)) {
            throw new IOException("No model at " + modelPath + ". Train one first with ./examples/movie-reviews train "
                    + "(with or without --spark), or pass --model PATH.");
        }
        Vocabulary vocabulary = Vocabulary.load(PredictCommand.vocabularyPath(modelPath));
        MaFonction.register(); // a model trained with --custom-activation needs it (on a cluster: in every executor)
        Sequential model = Sequential.load(modelPath);
        if (model.inputSize() != vocabulary.size()) {
            throw new IOException("The model expects " + model.inputSize() + " words but its vocabulary has "
                    + vocabulary.size() + "; they do not belong together.");
        }
        List<Row> texts = read(input);
        if (texts.isEmpty()) {
            throw new IOException(input + " holds no .txt reviews");
        }
        long t0 = System.nanoTime();
        try (SparkSession spark = SparkSessions.start(options.text("--spark", null))) {
            StructType textSchema = new StructType().add("source", DataTypes.StringType, false)
                    .add("text", DataTypes.StringType, false);
            int partitions = options.integer("--partitions", spark.sparkContext().defaultParallelism());
            Dataset<Row> reviews = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(texts, partitions), textSchema);
            ReviewColumns columns = new ReviewColumns(vocabulary.words());
            StructType idSchema = new StructType().add("source", DataTypes.StringType, false)
                    .add("word_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
            Dataset<Row> encoded = reviews.mapPartitions(encode(columns), Encoders.row(idSchema));
            Dataset<Row> scored = SparkScorer.of(model).batchSize(512)
                    .transform(encoded, Features.sparse("word_ids"), "probability")
                    .select(functions.col("source"), functions.col("probability"),
                            functions.when(functions.col("probability").geq(0.5), "positive").otherwise("negative")
                                    .as("sentiment"));
            if (format.equals("csv")) {
                scored.write().option("header", "true").csv(output.toString());
            } else {
                scored.write().parquet(output.toString());
            }
            long written = spark.read().format(format).option("header", "true").load(output.toString()).count();
            out.printf("Scored %,d reviews from %s with %s on Spark %s in %.1f s; wrote %s (%s)%n", written, input,
                    modelPath, spark.sparkContext().master(), (System.nanoTime() - t0) / 1e9, output, format);
            return written;
        }
    }

    /** On the executors: (source, text) rows to (source, word_ids). */
    private static MapPartitionsFunction<Row, Row> encode(ReviewColumns columns) {
        return rows -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                return RowFactory.create(row.getString(0), // a Scala Seq: what Spark's Row encoder takes for an array
                        scala.collection.immutable.ArraySeq.unsafeWrapArray(columns.of(row.getString(1))));
            }
        };
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * (source, text) for every .txt file of a folder (recursively) or a .tar.gz, in path order; in the IMDB layout
     * ({@code train|test/pos|neg/ID_RATING.txt}) the reviews only, not the data set's other text files
     * ({@code imdbEr.txt}, {@code urls_pos.txt}, ...).
     */
    static List<Row> read(Path input) throws IOException {
        List<Row> rows = readTextFiles(input);
        boolean imdbLayout = rows.stream().anyMatch(row -> ReviewPaths.relative("/" + row.getString(0)) != null);
        return imdbLayout ? rows.stream().filter(row -> ReviewPaths.relative("/" + row.getString(0)) != null).toList()
                : rows;
    }

    private static List<Row> readTextFiles(Path input) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.walk(input)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt") && Files.isRegularFile(f)).sorted()
                        .toList()) {
                    rows.add(RowFactory.create(input.relativize(file).toString(),
                            Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
            return rows;
        }
        if (!Files.isRegularFile(input)) {
            throw new IOException("--input " + input + " is neither a folder nor a file");
        }
        try (InputStream file = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && entry.getName().endsWith(".txt")) {
                    rows.add(RowFactory.create(entry.getName(), new String(tar.readAllBytes(),
                            StandardCharsets.UTF_8)));
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException(input + " is not a readable .tar.gz (" + e.getMessage() + ")", e);
        }
        return rows;
    }
}
