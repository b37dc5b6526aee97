package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compute floor of a dense-input epoch: its matrix-multiply FLOPs divided by the sgemm rate measured on this
 * machine for the first layer's shape, {@code [512 x 10000] @ [10000 x units]} into a preallocated output.
 *
 * <pre>{@code
 * PhysicalLimit limit = PhysicalLimit.measure(List.of(16, 64, 256));
 * limit.seconds(25_000, 16)   // ~0.1 s at ~65 GFLOP/s
 * }</pre>
 */
final class PhysicalLimit {

    private static final int ROWS = 512;

    private final Map<Integer, Double> gflops;

    private PhysicalLimit(Map<Integer, Double> gflops) {
        this.gflops = gflops;
    }

    /** Times {@code Nd4j.gemm} (median of 30 after 10 warm-up calls) for each width. */
    static PhysicalLimit measure(Collection<Integer> units) {
        Map<Integer, Double> rates = new TreeMap<>();
        for (int h : units) {
            INDArray a = Nd4j.rand(DataType.FLOAT, ROWS, BenchmarkData.WORDS);
            INDArray b = Nd4j.rand(DataType.FLOAT, BenchmarkData.WORDS, h);
            INDArray c = Nd4j.create(DataType.FLOAT, ROWS, h);
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long start = System.nanoTime();
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                if (i >= 10) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
            rates.put(h, 2.0 * ROWS * BenchmarkData.WORDS * h / Stats.of(seconds).median() / 1e9);
        }
        return new PhysicalLimit(rates);
    }

    double gflops(int units) {
        return gflops.get(units);
    }

    /**
     * FLOPs of one epoch over {@code rows} rows with inputs d = 10,000 and hidden width h, counting 2 per
     * multiply-add: forward 2n(dh + h^2 + h) (the three layers); backward, the kernel gradient of each layer
     * 2n(dh + h^2 + h) and the input gradient of layers 2 and 3 2n(h^2 + h) (layer 1's input needs none).
     * In total 2n(2dh + 3h^2 + 3h).
     */
    static double denseEpochFlops(long rows, int units) {
        double d = BenchmarkData.WORDS;
        double h = units;
        return 2.0 * rows * (2 * d * h + 3 * h * h + 3 * h);
    }

    /** The shortest possible dense epoch: its FLOPs at the measured rate. */
    double seconds(long rows, int units) {
        return denseEpochFlops(rows, units) / (gflops(units) * 1e9);
    }
}
