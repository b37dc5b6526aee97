package dev.lamina.benchmarks;

import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference speed of the trained models of each width: predicting the whole test half (512 rows per batch), and the
 * latency of one review (median and p99 over many calls after a warm-up), for Lamina with dense and with sparse input
 * and for DL4J (dense input).
 *
 * <pre>{@code
 * new Inference(data.test(), 20_000).print(grid.latestModels());
 * }</pre>
 */
final class Inference {

    /** Lamina's single-review (sparse input) median latency target, up to 256 units. */
    static final double LATENCY_TARGET_MICROS = 20;
    /** Dense single-row target: this many times the time to stream the first layer's kernel from memory once. */
    static final double DENSE_TARGET_STREAMS = 2;
    private static final int BATCH = 512;

    private final Reviews test;
    private final int latencyCalls;

    Inference(Reviews test, int latencyCalls) {
        this.test = test;
        this.latencyCalls = latencyCalls;
    }

    void print(Map<Integer, Grid.TrainedModels> models) {
        INDArray dense = test.dense();
        SparseRows oneSparse = test.sparse().slice(0, 1);
        INDArray oneDense = dense.getRow(0, true).dup();
        float[] denseValues = oneDense.data().asFloat();
        int[] sparseColumns = columnsOf(denseValues);
        float[] sparseValues = new float[sparseColumns.length];
        for (int i = 0; i < sparseColumns.length; i++) {
            sparseValues[i] = denseValues[sparseColumns[i]];
        }
        float[] out = new float[1];
        System.out.println();
        System.out.printf("Inference with the last trained model of each width: predict %,d reviews (batches of %d), "
                + "and one review per call (%,d calls after warm-up):%n", test.size(), BATCH, latencyCalls);
        System.out.println("| units | predict, reviews/s: Lamina dense / sparse / DL4J | single review, median / p99 "
                + "us: Lamina dense | Lamina sparse | Lamina float[] dense | Lamina int[] sparse | DL4J |");
        System.out.println("|---|---|---|---|---|---|---|");
        double worstSparse = 0;
        double worstDenseStreams = 0;
        double bytesPerMicro = streamBytesPerMicrosecond();
        for (Map.Entry<Integer, Grid.TrainedModels> entry : models.entrySet()) {
            Sequential lamina = entry.getValue().lamina();
            Dl4jImdb dl4j = entry.getValue().dl4j();
            long[] laminaDense = latency(() -> lamina.predict(oneDense));
            long[] laminaSparse = latency(() -> lamina.predict(oneSparse));
            System.out.printf("| %d | %,.0f / %,.0f / %s | %s | %s | %s | %s | %s |%n", entry.getKey(),
                    throughput(() -> lamina.predict(dense, BATCH)),
                    throughput(() -> lamina.predict(test.sparse(), BATCH)),
                    dl4j == null ? "-" : String.format("%,.0f", throughput(() -> dl4j.predict(dense, BATCH))),
                    micros(laminaDense), micros(laminaSparse),
                    micros(latency(() -> lamina.predict(denseValues, out))),
                    micros(latency(() -> lamina.predict(sparseColumns, sparseValues, out))),
                    dl4j == null ? "-" : micros(latency(() -> dl4j.predictOne(oneDense))));
            worstSparse = Math.max(worstSparse, Stats.of(laminaSparse).median() / 1e3);
            double kernelMicros = 4.0 * BenchmarkData.WORDS * entry.getKey() / bytesPerMicro;
            worstDenseStreams = Math.max(worstDenseStreams, Stats.of(laminaDense).median() / 1e3 / kernelMicros);
        }
        System.out.printf("Slowest Lamina single-review median, sparse input: %.1f us (target <= %.0f us up to 256 "
                + "units)%s%n", worstSparse, LATENCY_TARGET_MICROS, worstSparse > LATENCY_TARGET_MICROS
                ? ": over target" : "");
        System.out.printf("Slowest Lamina single-row median, dense input: %.2fx the time to stream the first layer's "
                + "kernel once at %.1f GB/s (one thread reading memory, measured here; target <= %.0fx)%s%n",
                worstDenseStreams, bytesPerMicro / 1e3, DENSE_TARGET_STREAMS,
                worstDenseStreams > DENSE_TARGET_STREAMS ? ": over target" : "");
    }

    /** The columns of the non-zero values (the review's words). */
    private static int[] columnsOf(float[] row) {
        return java.util.stream.IntStream.range(0, row.length).filter(c -> row[c] != 0f).toArray();
    }

    /** One thread's read bandwidth from memory: the best of 5 sums over 256 MB (far beyond the caches). */
    private static double streamBytesPerMicrosecond() {
        int[] values = new int[64 << 20]; // an int sum, which the JIT vectorizes (a float sum must stay in order)
        java.util.Arrays.fill(values, 1);
        double best = 0;
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int sum = 0;
            for (int value : values) {
                sum += value;
            }
            sink += sum;
            best = Math.max(best, 4.0 * values.length / ((System.nanoTime() - start) / 1e3));
        }
        if (sink == 42) {
            System.out.print(""); // keeps the sums from being optimised away
        }
        return best;
    }

    /** Rows per second of {@code predictAll} over the test half: median of 3 timed calls after one warm-up call. */
    private double throughput(Runnable predictAll) {
        predictAll.run();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            predictAll.run();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return test.size() / Stats.of(seconds).median();
    }

    /** Nanoseconds of each of {@code latencyCalls} calls, after max(1,000, calls / 10) warm-up calls. */
    private long[] latency(Runnable predictOne) {
        for (int i = 0; i < Math.max(1000, latencyCalls / 10); i++) {
            predictOne.run();
        }
        long[] nanos = new long[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            long start = System.nanoTime();
            predictOne.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static String micros(long[] nanos) {
        Stats stats = Stats.of(nanos);
        return String.format("%.1f / %.1f", stats.median() / 1e3, stats.percentile(99) / 1e3);
    }
}
