package dev.lamina.examples.reviews;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.layers.BatchSource;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code movie-reviews train --stream}: trains the same model as {@link TrainCommand} without holding the reviews in
 * memory. One streamed pass over the training reviews counts words for the vocabulary; then every epoch streams the
 * training split from the archive again ({@link ReviewStream}, both labels in turn, mixed in a shuffle buffer of
 * {@code --buffer} reviews), and the test split is streamed to evaluate. No validation run: the model trains on all
 * 25,000 training reviews, as {@code train --no-validation} does.
 *
 * <pre>{@code
 * ./examples/movie-reviews train --stream --epochs 4 --batch-size 512 --buffer 2500
 * }</pre>
 */
public final class StreamTrainCommand {

    static final Set<String> FLAGS = Set.of("--stream", "--quiet");
    static final Set<String> VALUED = Set.of("--data", "--out", "--epochs", "--batch-size", "--vocab", "--units",
            "--activation", "--optimizer", "--learning-rate", "--seed", "--buffer");

    private final PrintStream out;
    private final Path projectRoot;

    public StreamTrainCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    public TrainCommand.Result run(String[] args) throws IOException {
        Options options = Options.parse(args, FLAGS, VALUED);
        int epochs = options.integer("--epochs", 4);
        int batchSize = options.integer("--batch-size", 512);
        int vocabularySize = options.integer("--vocab", 10_000);
        int buffer = options.integer("--buffer", 2_500);
        long seed = options.integer("--seed", 1);
        int[] units = ReviewModel.units(options);
        ActivationFunction hidden = Activations.get(options.text("--activation", "relu"));
        String optimizer = options.text("--optimizer", "rmsprop");
        Map<String, Double> optimizerConfig = ReviewModel.optimizerConfig(options);
        Optimizers.get(optimizer, optimizerConfig); // fail now on a bad name, not after reading the data
        Path outDir = Path.of(options.text("--out", projectRoot.resolve("out/movie-reviews").toString()));
        Files.createDirectories(outDir);
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();

        long t0 = System.nanoTime();
        Path data = new DataLocator(projectRoot, DataLocator.defaultCache(), out)
                .locate(Optional.ofNullable(options.text("--data", null)).map(Path::of));
        Vocabulary vocabulary = ReviewStream.vocabulary(data, vocabularySize);
        seconds.put("vocabulary", elapsed(t0));
        out.printf("Streaming %s: vocabulary of the %,d most frequent training words in %.1f s (one pass)%n", data,
                vocabulary.size(), seconds.get("vocabulary"));

        Sequential model = ReviewModel.compiled(units, hidden, vocabulary.size(), seed,
                Optimizers.get(optimizer, optimizerConfig));
        int verbose = options.flag("--quiet") ? 0 : 1;
        if (verbose > 0) {
            model.summary(out);
        }

        long t1 = System.nanoTime();
        BatchSource train = new ReviewStream(data, "train", vocabulary, batchSize).shuffled(buffer, seed);
        out.printf("Training on the 25,000 training reviews, streamed each epoch (shuffle buffer of %,d reviews)%n",
                buffer);
        History history = model.fit(train, FitOptions.epochs(epochs).seed(seed).verbose(verbose));
        seconds.put("train", elapsed(t1));

        long t2 = System.nanoTime();
        Map<String, Double> scores = model.evaluate(new ReviewStream(data, "test", vocabulary, batchSize));
        seconds.put("evaluate", elapsed(t2));
        ModelFiles files = ModelFiles.save(model, vocabulary, outDir);
        Path modelPath = files.model();
        seconds.put("total", elapsed(t0));
        out.println();
        out.printf("Test accuracy: %.4f (loss %.4f), streamed from %s; final training loss %.4f%n",
                scores.get("accuracy"), scores.get("loss"), data, history.last("loss"));
        out.printf("Time: vocabulary %.1f s, train %.1f s, evaluate %.1f s, total %.1f s%n", seconds.get("vocabulary"),
                seconds.get("train"), seconds.get("evaluate"), seconds.get("total"));
        out.println(files.summary());
        out.println("Peak resident memory: " + TrainCommand.peakResidentMegabytes() + " MB");
        return new TrainCommand.Result(scores.get("accuracy"), scores.get("loss"), modelPath, seconds);
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
