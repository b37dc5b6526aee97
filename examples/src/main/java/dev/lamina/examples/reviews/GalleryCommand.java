package dev.lamina.examples.reviews;

import dev.lamina.core.activation.Activations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code movie-reviews gallery}: one PNG per built-in activation (and the seed's {@code maFonction}), showing the
 * function and its derivative over [-5, 5] (or a range that shows the function's shape), with round axis ticks.
 *
 * <pre>{@code
 * ./examples/movie-reviews gallery --out out/gallery
 * }</pre>
 */
public final class GalleryCommand {

    /** Where a function's shape is not visible over [-5, 5]: relu6's cap at 6, the exponential's growth. */
    private static final Map<String, double[]> RANGES = Map.of("relu6", new double[] {-2, 8},
            "exponential", new double[] {-4, 3});

    private final PrintStream out;
    private final Path projectRoot;

    public GalleryCommand(PrintStream out, Path projectRoot) {
        this.out = out;
        this.projectRoot = projectRoot;
    }

    public List<Path> run(String[] args) throws IOException {
        Options options = Options.parse(args, Set.of(), Set.of("--out"));
        Path dir = Path.of(options.text("--out", projectRoot.resolve("out/gallery").toString()));
        Files.createDirectories(dir);
        List<Path> written = new java.util.ArrayList<>();
        for (String name : List.of("relu", "sigmoid", "softmax", "softplus", "softsign", "tanh", "elu", "selu",
                "linear", "gelu", "silu", "leaky_relu", "relu6", "hard_sigmoid", "exponential", "log_softmax",
                "mish")) {
            Path png = dir.resolve(name + ".png");
            double[] range = RANGES.getOrDefault(name, new double[] {-5, 5});
            Charts.activation(Activations.get(name), name, range[0], range[1], png);
            written.add(png);
        }
        Path custom = dir.resolve("maFonction.png");
        Charts.activation(MaFonction.withBeta(1.5), "maFonction: x * sigmoid(1.5 x)", custom);
        written.add(custom);
        out.println("Wrote " + written.size() + " charts to " + dir);
        return written;
    }
}
