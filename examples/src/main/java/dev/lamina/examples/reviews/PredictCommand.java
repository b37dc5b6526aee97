package dev.lamina.examples.reviews;

import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code movie-reviews predict}: loads the saved model and its vocabulary and prints, for each review, the
 * probability that it is positive and the label. Reviews come from the arguments, from {@code --file} (one per line)
 * or from standard input.
 *
 * <pre>{@code
 * ./examples/movie-reviews predict "A wonderful, moving film."
 * }</pre>
 */
public final class PredictCommand {

    static final Set<String> FLAGS = Set.of("--no-register");
    static final Set<String> VALUED = Set.of("--model", "--file");

    private final PrintStream out;
    private final InputStream in;
    private final Path projectRoot;

    public PredictCommand(PrintStream out, InputStream in, Path projectRoot) {
        this.out = out;
        this.in = in;
        this.projectRoot = projectRoot;
    }

    /**
     * The vocabulary file saved beside a model: {@code model.json} and {@code model.keras} ->
     * {@code model.vocabulary.txt}.
     */
    public static Path vocabularyPath(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot);
        String base = extension.equals(".json") || extension.equals(".keras") ? name.substring(0, dot) : name;
        return model.resolveSibling(base + ".vocabulary.txt");
    }

    public List<Double> run(String[] args) throws IOException {
        Options options = Options.parse(args, FLAGS, VALUED);
        Path modelPath = Path.of(options.text("--model",
                projectRoot.resolve("out/movie-reviews/model.json").toString()));
        if (!Files.isRegularFile(modelPath)) {
            throw new IOException("No model at " + modelPath + ". Train one first with ./examples/movie-reviews train, "
                    + "or pass --model PATH.");
        }
        Path vocabularyPath = vocabularyPath(modelPath);
        if (!Files.isRegularFile(vocabularyPath)) {
            throw new IOException("The model " + modelPath + " has no vocabulary beside it (expected "
                    + vocabularyPath + "); prediction needs the vocabulary it was trained with. Re-run training, "
                    + "which writes both.");
        }
        List<String> reviews = reviews(options);
        if (!options.flag("--no-register")) {
            MaFonction.register(); // the seed's custom activation must be registered before loading
        }
        Vocabulary vocabulary = Vocabulary.load(vocabularyPath);
        Sequential model = Sequential.load(modelPath);
        if (model.inputSize() != vocabulary.size()) {
            throw new IOException("The model expects " + model.inputSize() + " words but the vocabulary "
                    + vocabularyPath + " has " + vocabulary.size() + "; they do not belong together.");
        }
        List<Double> probabilities = new ArrayList<>();
        for (String review : reviews) {
            List<String> tokens = Tokenizer.tokenize(review);
            int[] columns = vocabulary.columns(tokens);
            String shown = review.length() > 60 ? review.substring(0, 57) + "..." : review;
            if (review.isBlank()) {
                out.println("(empty review)\tskipped: there is no text to classify");
                probabilities.add(Double.NaN);
                continue;
            }
            if (columns.length == 0) {
                out.println(shown + "\tskipped: none of its words is in the " + vocabulary.size()
                        + "-word vocabulary, so the model has nothing to go on");
                probabilities.add(Double.NaN);
                continue;
            }
            INDArray p = model.predict(SparseRows.multiHot(vocabulary.size(), new int[][] {columns}));
            double positive = p.getDouble(0, 0);
            probabilities.add(positive);
            out.printf("%.4f\t%s\t%s%n", positive, positive >= 0.5 ? "positive" : "negative", shown);
        }
        return probabilities;
    }

    private List<String> reviews(Options options) throws IOException {
        List<String> reviews = new ArrayList<>(options.positional());
        if (options.flag("--file")) {
            Path file = Path.of(options.text("--file", ""));
            if (!Files.isRegularFile(file)) {
                throw new IOException("--file " + file + " does not exist");
            }
            reviews.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        if (reviews.isEmpty() || reviews.equals(List.of("-"))) {
            reviews.clear();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                reviews.add(line);
            }
        }
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("No review given. Pass text (predict \"A wonderful film.\"), --file "
                    + "PATH with one review per line, or reviews on standard input.");
        }
        return reviews;
    }
}
