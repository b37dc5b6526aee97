package dev.lamina.examples.reviews;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The movie-review sentiment classifier on the IMDB dataset: {@code train}, {@code predict} and {@code gallery}.
 * Run it through {@code ./examples/movie-reviews}; errors are printed as one clear line, never a stack trace.
 *
 * <pre>{@code
 * ./examples/movie-reviews train
 * ./examples/movie-reviews predict "A wonderful, moving film."
 * }</pre>
 */
public final class MovieReviews {

    private MovieReviews() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path root = Path.of(System.getProperty("lamina.home", ".")).toAbsolutePath().normalize();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "train" -> {
                    if (Arrays.asList(rest).contains("--spark")) {
                        new SparkTrainCommand(System.out, root).run(rest);
                    } else if (Arrays.asList(rest).contains("--stream")) { // reads the archive each epoch
                        new StreamTrainCommand(System.out, root).run(rest);
                    } else {
                        new TrainCommand(System.out, root).run(rest);
                    }
                }
                case "score" -> new SparkScoreCommand(System.out, root).run(rest);
                case "predict" -> new PredictCommand(System.out, System.in, root).run(rest);
                case "gallery" -> new GalleryCommand(System.out, root).run(rest);
                default -> {
                    System.err.println("error: unknown command '" + args[0] + "'");
                    usage();
                    return 2;
                }
            }
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void usage() {
        System.err.println("""
                usage: movie-reviews train   [--data PATH] [--out DIR] [--epochs 4] [--batch-size 512] [--vocab 10000]
                                             [--units 16,16] [--activation relu] [--optimizer rmsprop]
                                             [--learning-rate 0.001] [--seed 1] [--dense] [--no-validation]
                                             [--custom-activation [--beta 1.5]] [--quiet]
                       movie-reviews train --stream [--buffer 2500] [--data PATH] [--out DIR] [--epochs 4]
                                             [--batch-size 512] [--vocab 10000] [--units 16,16] [--seed 1] ...
                       movie-reviews predict [--model out/movie-reviews/model.json|.keras] [--file PATH] [--no-register]
                                             ["review text" ...]   (no text: reads reviews from standard input)
                       movie-reviews train --spark MASTER [--partitions 2] [--averaging-frequency 5] [--data PATH]
                                             [--out DIR] [--epochs 4] [--batch-size 512] [--vocab 10000] [--units 16]
                                             [--optimizer rmsprop] [--learning-rate 0.001] [--seed 1] [--quiet]
                       movie-reviews score --spark MASTER --input DIR_OR_TAR --output DIR [--model PATH]
                                             [--format parquet|csv] [--partitions N]
                       movie-reviews gallery [--out out/gallery]""");
    }
}
