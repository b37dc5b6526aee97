package dev.lamina.benchmarks;

import dev.lamina.examples.reviews.DataLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measurements that need a fresh JVM: the whole movie-review example (read the archive, tokenize, vectorize,
 * train 4 epochs, evaluate; 3 runs) and the time to first prediction ({@link FirstPrediction}; 5 runs).
 *
 * <pre>{@code
 * new FreshJvms(root, null).print(savedModel, workDirectory);
 * }</pre>
 */
final class FreshJvms {

    private final Path root;
    private final String dataOption;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classpath = System.getProperty("java.class.path");

    /** {@code dataOption} is the {@code --data} path given to the benchmark, or null. */
    FreshJvms(Path root, String dataOption) {
        this.root = root;
        this.dataOption = dataOption;
    }

    void print(Path model, Path work) throws IOException, InterruptedException {
        System.out.println();
        boolean haveData = dataOption != null
                || new DataLocator(root, DataLocator.defaultCache(), System.out).findLocal().isPresent();
        if (haveData) {
            wholeExample(work.resolve("example"));
        } else {
            System.out.println("Whole movie-review example: skipped (no IMDB data here; pass --data PATH)");
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            run(List.of(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                    "dev.lamina.benchmarks.FirstPrediction", model.toString()));
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("Time to first prediction (JVM start, ND4J start, model load, one predict, JVM exit): "
                + "median %.2f s over 5 runs (min %.2f); target < 2 s%n", Stats.of(seconds).median(),
                Stats.of(seconds).min());
    }

    private void wholeExample(Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dlamina.home=" + root, "-cp", classpath,
                "dev.lamina.examples.reviews.MovieReviews", "train", "--no-validation", "--quiet", "--out",
                out.toString()));
        if (dataOption != null) {
            command.addAll(List.of("--data", dataOption));
        }
        List<Double> seconds = new ArrayList<>();
        String report = "";
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            report = run(command);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("Whole movie-review example (fresh JVM: read archive, tokenize, vectorize, train 4 epochs, "
                + "evaluate 25,000): median %.2f s wall over 3 runs (min %.2f); target < 10 s%n",
                Stats.of(seconds).median(), Stats.of(seconds).min());
        for (String line : report.split("\n")) {
            if (line.startsWith("Test accuracy") || line.startsWith("Peak resident") || line.startsWith("Time:")) {
                System.out.println("  " + line);
            }
        }
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException("child JVM failed: " + String.join(" ", command).replace(classpath, "<classpath>")
                    + "\n" + output);
        }
        return output.toString();
    }
}
