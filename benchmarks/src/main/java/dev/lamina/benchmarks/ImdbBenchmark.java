package dev.lamina.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Lamina against PyTorch (the speed anchor) and Deeplearning4j on the IMDB model, over a grid of widths, batch sizes,
 * optimizers and input paths ({@link BenchmarkOptions}), in one run: every framework starts from the same weights and
 * sees the same batches in the same order. Prints a table per input path (seconds per epoch, Lamina / PyTorch, test
 * accuracies, and for dense input the compute floor), then the whole movie-review example and the time to first
 * prediction in fresh JVMs, and last the inference speed (predict throughput, single-review latency) of each width.
 *
 * <pre>{@code
 * ./benchmarks/run --quick
 * ./benchmarks/run --units 16,64 --batches 512 --optimizers rmsprop --paths sparse
 * }</pre>
 */
public final class ImdbBenchmark {

    private ImdbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("lamina.home", ".")).toAbsolutePath().normalize();
        // importing torch takes about a second: let it happen while the data loads
        CompletableFuture<Optional<PyTorchPeer>> torchStart = CompletableFuture.supplyAsync(
                () -> PyTorchPeer.start(root.resolve("benchmarks").resolve("pytorch_imdb.py")));

        long start = System.nanoTime();
        int rows = options.rows();
        BenchmarkData data = BenchmarkData.load(options.data(), root, options.synthetic(),
                rows > 0 ? rows : BenchmarkData.IMDB_ROWS).sample(rows);
        System.out.printf("Data: %s (%,d train, %,d test rows), prepared in %.1f s%n", data.description(),
                data.train().size(), data.test().size(), (System.nanoTime() - start) / 1e9);
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY"));

        Path work = Files.createTempDirectory("lamina-bench");
        try {
            run(options, root, data, torchStart.join().orElse(null), work);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(BenchmarkOptions options, Path root, BenchmarkData data, PyTorchPeer torch, Path work)
            throws IOException, InterruptedException {
        if (torch == null) {
            System.out.println(PyTorchPeer.SKIPPED);
        } else {
            torch.load(data, work);
            System.out.println("PyTorch " + torch.version() + " in one " + PyTorchPeer.PYTHON
                    + " process: torch.set_num_threads(1), OpenBLAS (pthread) with 1 thread");
        }

        List<GridCell> cells = options.cells();
        PhysicalLimit limit = null;
        if (options.paths().contains(GridCell.InputPath.DENSE)) {
            limit = PhysicalLimit.measure(options.units());
            StringBuilder rates = new StringBuilder("sgemm [512 x 10000] @ [10000 x units], Nd4j.gemm:");
            for (int h : options.units()) {
                rates.append(String.format(" %d units %.0f GFLOP/s;", h, limit.gflops(h)));
            }
            System.out.println(rates);
        }
        System.out.printf("Training %d cell%s, %d epochs each, %d repetition%s; alternating %s%n", cells.size(),
                cells.size() == 1 ? "" : "s", options.epochs(), options.reps(), options.reps() == 1 ? "" : "s",
                torch == null ? "Lamina and DL4J" : "Lamina, PyTorch and DL4J");
        Grid grid = new Grid(data, torch, options.epochs(), options.reps(), work);
        List<CellResult> results;
        try {
            results = grid.run(cells);
        } finally {
            if (torch != null) {
                torch.close();
            }
        }
        new GridReport(limit, data.train().size(), options.epochs(), options.reps()).print(results);

        Path model = work.resolve("model.json");
        grid.latestModels().values().iterator().next().lamina().save(model);
        new FreshJvms(root, options.data() == null ? null : options.data().toString()).print(model, work);
        new Inference(data.test(), options.latencyCalls()).print(grid.latestModels());
        System.out.println("Process peak resident memory (Lamina, DL4J and the data; PyTorch runs in its own "
                + "process): " + residentPeakMb() + " MB");
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long residentPeakMb() {
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
}
