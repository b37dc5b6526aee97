package dev.lamina.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line of {@code benchmarks/run}. The default is the full grid: units {16, 64, 256} x batch {32, 128,
 * 512} x optimizer {rmsprop, adam} x path {dense, sparse}, 2 epochs per cell (the second one timed), 1 repetition.
 * {@code --quick} is the classic cell only (16 units, batch 512, rmsprop, both paths) for 4 epochs; any explicit
 * option overrides its defaults.
 *
 * <pre>{@code
 * BenchmarkOptions options = BenchmarkOptions.parse("--units", "16,64", "--paths", "sparse");
 * options.cells().size()   // 2 units x 3 batches x 2 optimizers x 1 path = 12
 * }</pre>
 */
record BenchmarkOptions(List<Integer> units, List<Integer> batches, List<OptimizerChoice> optimizers,
                        List<GridCell.InputPath> paths, int epochs, int reps, int rows, int latencyCalls, Path data,
                        boolean synthetic) {

    static final String USAGE = "usage: benchmarks/run [--quick] [--units 16,64,256] [--batches 32,128,512] "
            + "[--optimizers rmsprop,adam] [--paths dense,sparse] [--epochs 2] [--reps 1] [--rows N] "
            + "[--latency-calls 20000] [--data PATH] [--synthetic]";
    private static final Set<String> VALUED = Set.of("--units", "--batches", "--optimizers", "--paths", "--epochs",
            "--reps", "--rows", "--latency-calls", "--data");

    /** Parses the arguments; an unknown option or a bad value is an {@code IllegalArgumentException}. */
    static BenchmarkOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        boolean quick = false;
        boolean synthetic = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--synthetic")) {
                synthetic = true;
            } else if (VALUED.contains(args[i]) && i + 1 < args.length) {
                given.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
        }
        int epochs = positive(given, "--epochs", quick ? 4 : 2);
        if (epochs < 2) {
            throw new IllegalArgumentException("--epochs must be at least 2 (the first epoch is warm-up)");
        }
        return new BenchmarkOptions(
                list(given.getOrDefault("--units", quick ? "16" : "16,64,256"), BenchmarkOptions::positive),
                list(given.getOrDefault("--batches", quick ? "512" : "32,128,512"), BenchmarkOptions::positive),
                list(given.getOrDefault("--optimizers", quick ? "rmsprop" : "rmsprop,adam"), OptimizerChoice::parse),
                list(given.getOrDefault("--paths", "dense,sparse"), GridCell.InputPath::parse),
                epochs, positive(given, "--reps", 1), positive(given, "--rows", 0),
                positive(given, "--latency-calls", 20_000),
                given.containsKey("--data") ? Path.of(given.get("--data")) : null, synthetic);
    }

    /** Every combination, grouped by path, then units, batch size and optimizer. */
    List<GridCell> cells() {
        List<GridCell> cells = new ArrayList<>();
        for (GridCell.InputPath path : paths) {
            for (int h : units) {
                for (int batch : batches) {
                    for (OptimizerChoice optimizer : optimizers) {
                        cells.add(new GridCell(path, h, batch, optimizer));
                    }
                }
            }
        }
        return cells;
    }

    private static <T> List<T> list(String commaSeparated, Function<String, T> parse) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(parse).distinct().toList();
    }

    private static int positive(Map<String, String> given, String option, int fallback) {
        return given.containsKey(option) ? positive(given.get(option)) : fallback;
    }

    private static int positive(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a positive whole number, got '" + text + "'");
    }
}
