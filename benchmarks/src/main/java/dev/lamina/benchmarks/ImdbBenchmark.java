package dev.lamina.benchmarks;

import dev.lamina.layers.SparseRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lamina against Deeplearning4j on the classic IMDB model, in one run: a warm-up, then alternating repetitions of
 * Lamina (dense path), Lamina (sparse path) and DL4J, and a table of per-epoch training time, test accuracy, predict
 * throughput, single-review latency, peak heap and the ratios; then the whole movie-review example and the time to
 * first prediction, each in a fresh JVM.
 *
 * <pre>{@code
 * ./benchmarks/run --reps 3
 * }</pre>
 */
public final class ImdbBenchmark {

    private ImdbBenchmark() {
    }

    record Run(String name, List<Double> epochSeconds, double accuracy, double predictPerSecond,
               long[] latencyNanos, long peakHeapBytes) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--synthetic")) {
                options.put("--synthetic", "true");
            } else if (i + 1 < args.length && List.of("--data", "--reps", "--epochs", "--latency-calls")
                    .contains(args[i])) {
                options.put(args[i], args[++i]);
            } else {
                System.err.println("usage: benchmarks/run [--data PATH] [--synthetic] [--reps 3] [--epochs 4] "
                        + "[--latency-calls 20000]");
                System.exit(2);
            }
        }
        int reps = Integer.parseInt(options.getOrDefault("--reps", "3"));
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", "4"));
        int latencyCalls = Integer.parseInt(options.getOrDefault("--latency-calls", "20000"));
        Path root = Path.of(System.getProperty("lamina.home", ".")).toAbsolutePath().normalize();
        int batch = 512;
        long seed = 7;

        long t0 = System.nanoTime();
        BenchmarkData data = BenchmarkData.load(options.containsKey("--data") ? Path.of(options.get("--data")) : null,
                root, options.containsKey("--synthetic"));
        INDArray denseTrain = data.xTrain().toDense();
        INDArray denseTest = data.xTest().toDense();
        System.out.printf("Data: %s (%,d train, %,d test rows, %.1f non-zeros per row), prepared in %.1f s%n",
                data.description(), data.xTrain().rows(), data.xTest().rows(),
                (double) data.xTrain().nonZeros() / data.xTrain().rows(), (System.nanoTime() - t0) / 1e9);
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY"));

        System.out.println("Warm-up: one epoch of each...");
        new LaminaImdb(BenchmarkData.WORDS, seed).fit(denseTrain, data.yTrain(), 1, batch, seed);
        new LaminaImdb(BenchmarkData.WORDS, seed).fit(data.xTrain(), data.yTrain(), 1, batch, seed);
        new Dl4jImdb(BenchmarkData.WORDS, seed).fit(denseTrain, data.yTrain(), 1, batch, seed);

        Map<String, List<Double>> epochTimes = new LinkedHashMap<>();
        Map<String, Long> peakHeap = new LinkedHashMap<>();
        LaminaImdb laminaDense = null;
        LaminaImdb laminaSparse = null;
        Dl4jImdb dl4j = null;
        for (int rep = 0; rep < reps; rep++) {
            System.out.printf("Repetition %d/%d: Lamina dense, Lamina sparse, DL4J (%d epochs each)%n", rep + 1, reps,
                    epochs);
            resetPeakHeap();
            laminaDense = new LaminaImdb(BenchmarkData.WORDS, seed);
            epochTimes.computeIfAbsent("Lamina dense", k -> new ArrayList<>())
                    .addAll(laminaDense.fit(denseTrain, data.yTrain(), epochs, batch, seed));
            peakHeap.merge("Lamina dense", peakHeap(), Math::max);
            resetPeakHeap();
            laminaSparse = new LaminaImdb(BenchmarkData.WORDS, seed);
            epochTimes.computeIfAbsent("Lamina sparse", k -> new ArrayList<>())
                    .addAll(laminaSparse.fit(data.xTrain(), data.yTrain(), epochs, batch, seed));
            peakHeap.merge("Lamina sparse", peakHeap(), Math::max);
            resetPeakHeap();
            dl4j = new Dl4jImdb(BenchmarkData.WORDS, seed);
            epochTimes.computeIfAbsent("DL4J", k -> new ArrayList<>())
                    .addAll(dl4j.fit(denseTrain, data.yTrain(), epochs, batch, seed));
            peakHeap.merge("DL4J", peakHeap(), Math::max);
        }

        List<Run> runs = new ArrayList<>();
        LaminaImdb dense = laminaDense;
        LaminaImdb sparse = laminaSparse;
        Dl4jImdb peer = dl4j;
        SparseRows oneSparse = data.xTest().slice(0, 1);
        INDArray oneDense = denseTest.getRow(0, true).dup();
        runs.add(new Run("Lamina dense", epochTimes.get("Lamina dense"),
                accuracy(dense.model.predict(denseTest, batch), data.yTest()),
                throughput(() -> dense.model.predict(denseTest, batch), denseTest.size(0)),
                latency(() -> dense.model.predict(oneDense), latencyCalls), peakHeap.get("Lamina dense")));
        runs.add(new Run("Lamina sparse", epochTimes.get("Lamina sparse"),
                accuracy(sparse.model.predict(data.xTest(), batch), data.yTest()),
                throughput(() -> sparse.model.predict(data.xTest(), batch), data.xTest().rows()),
                latency(() -> sparse.model.predict(oneSparse), latencyCalls), peakHeap.get("Lamina sparse")));
        runs.add(new Run("DL4J", epochTimes.get("DL4J"), accuracy(peer.predict(denseTest, batch), data.yTest()),
                throughput(() -> peer.predict(denseTest, batch), denseTest.size(0)),
                latency(() -> peer.predictOne(oneDense), latencyCalls), peakHeap.get("DL4J")));
        printTable(runs);

        Path work = Files.createTempDirectory("lamina-bench");
        sparse.model.save(work.resolve("model.json"));
        separateJvms(root, work, options.get("--data"));
        System.out.println("Process peak resident memory (all three frameworks and both datasets): "
                + residentPeakMb() + " MB");
    }

    static double accuracy(INDArray p, INDArray y) {
        INDArray predicted = p.gt(0.5).castTo(DataType.FLOAT);
        return predicted.eq(y.castTo(DataType.FLOAT)).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }

    static double throughput(Runnable predictAll, long rows) {
        predictAll.run();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            predictAll.run();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return rows / Stats.of(seconds).median();
    }

    static long[] latency(Runnable predictOne, int calls) {
        for (int i = 0; i < Math.max(1000, calls / 10); i++) {
            predictOne.run();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            predictOne.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    static long residentPeakMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static void printTable(List<Run> runs) {
        Run dl4j = runs.get(runs.size() - 1);
        double dl4jEpoch = Stats.of(dl4j.epochSeconds()).median();
        System.out.println();
        System.out.println("| | epoch time median (min-max) | test accuracy | predict 25k reviews | single-review "
                + "latency median / p99 | peak heap | epoch time / DL4J |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Run run : runs) {
            Stats epochs = Stats.of(run.epochSeconds());
            Stats latency = Stats.of(run.latencyNanos());
            System.out.printf("| %s | %.3f s (%.3f-%.3f) | %.4f | %,.0f reviews/s | %.1f / %.1f us | %d MB | %.3f |%n",
                    run.name(), epochs.median(), epochs.min(), epochs.max(), run.accuracy(), run.predictPerSecond(),
                    latency.median() / 1e3, latency.percentile(99) / 1e3, run.peakHeapBytes() >> 20,
                    epochs.median() / dl4jEpoch);
        }
        System.out.println();
        for (Run run : runs.subList(0, runs.size() - 1)) {
            System.out.printf("%s / DL4J: epoch time %.3fx (%.1fx faster), accuracy %+.2f points, predict throughput "
                    + "%.2fx, latency %.2fx%n", run.name(), Stats.of(run.epochSeconds()).median() / dl4jEpoch,
                    dl4jEpoch / Stats.of(run.epochSeconds()).median(), 100 * (run.accuracy() - dl4j.accuracy()),
                    run.predictPerSecond() / dl4j.predictPerSecond(),
                    Stats.of(run.latencyNanos()).median() / Stats.of(dl4j.latencyNanos()).median());
        }
        System.out.println("Targets: dense epoch <= 0.8x DL4J; sparse epoch >= 10x faster than DL4J at accuracy "
                + "within 0.5 points; single-review latency < 50 us median.");
    }

    /** The whole example and the time to first prediction, each in a fresh JVM. */
    static void separateJvms(Path root, Path work, String dataOption) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> example = new ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dlamina.home=" + root, "-cp", classpath, "dev.lamina.examples.reviews.MovieReviews", "train",
                "--no-validation", "--quiet", "--out", work.resolve("example").toString()));
        if (dataOption != null) {
            example.addAll(List.of("--data", dataOption));
        }
        boolean haveData = dataOption != null || new dev.lamina.examples.reviews.DataLocator(root,
                dev.lamina.examples.reviews.DataLocator.defaultCache(), System.out).findLocal().isPresent();
        System.out.println();
        if (haveData) {
            timeExample(example);
        } else {
            System.out.println("Whole movie-review example: skipped (no IMDB data here; pass --data PATH)");
        }
        List<Double> firstSeconds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            runChild(List.of(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                    "dev.lamina.benchmarks.FirstPrediction", work.resolve("model.json").toString()));
            firstSeconds.add((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("Time to first prediction (JVM start, ND4J start, model load, one predict, JVM exit): "
                + "median %.2f s over 5 runs (min %.2f); target < 2 s%n", Stats.of(firstSeconds).median(),
                Stats.of(firstSeconds).min());
    }

    private static void timeExample(List<String> command) throws IOException, InterruptedException {
        List<Double> seconds = new ArrayList<>();
        String report = "";
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            report = runChild(command);
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

    private static String runChild(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException("child JVM failed: " + command + "\n" + output);
        }
        return output.toString();
    }
}
