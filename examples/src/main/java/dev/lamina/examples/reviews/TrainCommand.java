package dev.lamina.examples.reviews;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Activations;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.core.report.ClassificationReport;
import dev.lamina.core.report.Curve;
import dev.lamina.core.report.Curves;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code movie-reviews train}: reads the IMDB reviews, builds the vocabulary, trains the classic Keras-book model
 * (a validation run on 15,000 reviews with 10,000 held out, then the final model on all 25,000), evaluates it on the
 * 25,000 test reviews and saves the model, its vocabulary and the training curves.
 *
 * <pre>{@code
 * ./examples/movie-reviews train --epochs 4 --batch-size 512 --seed 1
 * }</pre>
 */
public final class TrainCommand {

    static final Set<String> FLAGS = Set.of("--dense", "--custom-activation", "--no-validation", "--quiet");
    static final Set<String> VALUED = Set.of("--data", "--out", "--epochs", "--batch-size", "--vocab", "--units",
            "--activation", "--optimizer", "--learning-rate", "--seed", "--beta");

    private final PrintStream out;
    private final Path projectRoot;

    public TrainCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    /** What a run produced, for tests and the benchmark. */
    public record Result(double testAccuracy, double testLoss, Path model, Map<String, Double> seconds) {
    }

    public Result run(String[] args) throws IOException {
        Options options = Options.parse(args, FLAGS, VALUED);
        int epochs = options.integer("--epochs", 4);
        int batchSize = options.integer("--batch-size", 512);
        int vocabularySize = options.integer("--vocab", 10_000);
        long seed = options.integer("--seed", 1);
        boolean dense = options.flag("--dense");
        int[] units = ReviewModel.units(options);
        ActivationFunction hidden = options.flag("--custom-activation")
                ? MaFonction.withBeta(options.number("--beta", 1.5))
                : Activations.get(options.text("--activation", "relu"));
        String optimizerName = options.text("--optimizer", "rmsprop");
        Optimizers.get(optimizerName); // fail now on a bad name, not after reading the data
        Path outDir = Path.of(options.text("--out", projectRoot.resolve("out/movie-reviews").toString()));
        Files.createDirectories(outDir);
        int verbose = options.flag("--quiet") ? 0 : 1;
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();

        long t0 = System.nanoTime();
        BackgroundTask nd4j = BackgroundTask.start("nd4j-startup", () -> Nd4j.create(DataType.FLOAT, 1).close());
        Path data = new DataLocator(projectRoot, DataLocator.defaultCache(), out)
                .locate(Optional.ofNullable(options.text("--data", null)).map(Path::of));
        ReviewCorpus corpus = ReviewCorpus.read(data);
        seconds.put("read", elapsed(t0));
        out.printf("Read %,d training and %,d test reviews from %s in %.1f s (decompressed and tokenized in "
                + "parallel)%n", corpus.train().size(), corpus.test().size(), data, seconds.get("read"));

        long t1 = System.nanoTime();
        Vocabulary vocabulary = Vocabulary.mostFrequent(corpus.words(), vocabularySize);
        SparseRows xTrain = vocabulary.multiHot(corpus.words(), corpus.train());
        SparseRows xTest = vocabulary.multiHot(corpus.words(), corpus.test());
        nd4j.join(); // ND4J loaded while the reviews were read
        INDArray yTrain = ReviewCorpus.labels(corpus.train());
        INDArray yTest = ReviewCorpus.labels(corpus.test());
        seconds.put("vectorize", elapsed(t1));
        out.printf("Vocabulary of the %,d most frequent training words; %.1f words per review on average; %.1f s%n",
                vocabulary.size(), (double) xTrain.nonZeros() / xTrain.rows(), seconds.get("vectorize"));

        Object trainFeatures = dense ? xTrain.toDense() : xTrain;
        Object testFeatures = dense ? xTest.toDense() : xTest;
        java.util.function.Supplier<Sequential> newModel = () -> ReviewModel.compiled(units, hidden,
                vocabulary.size(), seed, Optimizers.get(optimizerName, ReviewModel.optimizerConfig(options)));

        BackgroundTask curves = null;
        if (!options.flag("--no-validation")) {
            long t2 = System.nanoTime();
            out.println();
            // the Keras book holds out 10,000 of the 25,000 training reviews (40% of a smaller set)
            int n = corpus.train().size();
            int holdOut = Math.min(10_000, (int) (n * 0.4));
            out.printf("Validation run: %,d reviews for training, %,d held out (as in the Keras book)%n", n - holdOut,
                    holdOut);
            int[] order = permutation(n, seed);
            int[] heldOut = Arrays.copyOfRange(order, 0, holdOut);
            int[] partial = Arrays.copyOfRange(order, holdOut, order.length);
            Sequential model = newModel.get();
            FitOptions fit = FitOptions.epochs(epochs).batchSize(batchSize).seed(seed).verbose(verbose);
            History history;
            if (dense) {
                INDArray x = (INDArray) trainFeatures;
                history = model.fit(Nd4j.pullRows(x, 1, partial), Nd4j.pullRows(yTrain, 1, partial),
                        fit.validationData(Nd4j.pullRows(x, 1, heldOut), Nd4j.pullRows(yTrain, 1, heldOut)));
            } else {
                history = model.fit(xTrain.select(partial, 0, partial.length), Nd4j.pullRows(yTrain, 1, partial),
                        fit.validationData(xTrain.select(heldOut, 0, heldOut.length),
                                Nd4j.pullRows(yTrain, 1, heldOut)));
            }
            seconds.put("validation run", elapsed(t2));
            Path png = outDir.resolve("curves.png");
            curves = BackgroundTask.start("training-curves", () -> Charts.trainingCurves(history, png));
            out.printf("Validation run: %.1f s; drawing its curves to %s while the final model trains%n",
                    seconds.get("validation run"), png);
        }

        long t3 = System.nanoTime();
        out.println();
        out.println("Final model: all 25,000 training reviews");
        Sequential model = newModel.get();
        if (verbose > 0) {
            model.summary(out);
        }
        FitOptions fit = FitOptions.epochs(epochs).batchSize(batchSize).seed(seed).verbose(verbose);
        if (dense) {
            model.fit((INDArray) trainFeatures, yTrain, fit);
        } else {
            model.fit(xTrain, yTrain, fit);
        }
        seconds.put("train", elapsed(t3));

        long t4 = System.nanoTime();
        Map<String, Double> scores = dense ? model.evaluate((INDArray) testFeatures, yTest, batchSize)
                : model.evaluate(xTest, yTest, batchSize);
        seconds.put("evaluate", elapsed(t4));
        INDArray testPredictions = dense ? model.predict((INDArray) testFeatures, batchSize)
                : model.predict(xTest, batchSize);
        ClassificationReport report = ClassificationReport.of(testPredictions, yTest, List.of("negative",
                "positive"));
        Curve roc = Curves.roc(testPredictions, yTest, 1);
        Curve precisionRecall = Curves.precisionRecall(testPredictions, yTest, 1);
        BackgroundTask evaluationCharts = BackgroundTask.start("evaluation-charts",
                () -> Charts.evaluation(roc, precisionRecall, report, outDir));

        ModelFiles files = ModelFiles.save(model, vocabulary, outDir);
        Path modelPath = files.model();
        if (curves != null) {
            curves.join();
        }
        evaluationCharts.join();
        seconds.put("total", elapsed(t0));
        out.println();
        out.printf("Test accuracy: %.4f (loss %.4f) on %,d reviews%n", scores.get("accuracy"), scores.get("loss"),
                corpus.test().size());
        out.println();
        out.print(report.text());
        out.printf("ROC AUC %.4f, average precision %.4f; roc.png, precision-recall.png and confusion.png in %s%n",
                roc.area(), precisionRecall.area(), outDir);
        out.printf("Time: read+tokenize %.1f s, vectorize %.1f s, %strain %.1f s, evaluate %.1f s, total %.1f s%n",
                seconds.get("read"), seconds.get("vectorize"), seconds.containsKey("validation run")
                        ? String.format("validation run %.1f s, ", seconds.get("validation run")) : "",
                seconds.get("train"), seconds.get("evaluate"), seconds.get("total"));
        out.println(files.summary());
        out.println("Peak resident memory: " + peakResidentMegabytes() + " MB");
        if (options.flag("--custom-activation")) {
            out.println("This model uses the custom activation 'maFonction': a program must call "
                    + "MaFonction.register() (Activations.registerFactory) before loading it.");
        }
        return new Result(scores.get("accuracy"), scores.get("loss"), modelPath, seconds);
    }

    /** The process's peak resident set size (VmHWM), or -1 where /proc is not available. */
    static long peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static int[] permutation(int n, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
