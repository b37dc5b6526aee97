package dev.lamina.core;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Lamina's one fast-path policy (see {@code docs/performance.md}): float32 work that ND4J would run as several
 * small native ops runs instead as one Java loop, split over the cores when there is enough of it.
 * {@code -Dlamina.fastPaths=false} turns every fast path off, leaving the plain ND4J formulas (tests compare the two).
 *
 * <pre>{@code
 * FastPaths.split(n, (from, to) -> { for (int i = from; i < to; i++) out[i] = a[i] + b[i]; });
 * }</pre>
 */
public final class FastPaths {

    /**
     * Elements below which a loop stays on one core: handing half of a loop to another thread costs ~20-50 us, the
     * time one core needs for about 64k simple float updates (measured with an RMSprop step, docs/performance.md).
     */
    public static final int MIN_PARALLEL_WORK = 65_536;

    /**
     * Multiply-adds from which a matrix product uses every core's BLAS thread: below it, waking OpenBLAS's second
     * thread (asleep between steps under {@code OMP_WAIT_POLICY=PASSIVE}) costs more than it saves. Measured on
     * training steps with a 10,000-wide first layer: products of 5M multiply-adds ran 2.3x faster on one thread, of
     * 20M 1.1x faster on one, of 82M 1.2x faster on two (docs/performance.md).
     */
    public static final long MIN_PARALLEL_MULTIPLY_ADDS = 1L << 25;

    /**
     * Most float32 values an element-wise computation on a batch (an activation's gradient, a loss, a metric) handles
     * in one Java loop instead of several ND4J ops: each ND4J op costs 5-25 us of overhead, a Java pass over 64k
     * values about as much as one op; beyond this ND4J's multithreaded ops win.
     */
    public static final int MAX_JAVA_ELEMENTWISE = 65_536;

    private static final boolean ENABLED = !"false".equals(System.getProperty("lamina.fastPaths"));
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private FastPaths() {
    }

    /** Whether fast paths may run (true unless {@code -Dlamina.fastPaths=false}). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** A range of work, {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** How many parts {@code work} units (elements, or multiply-adds) are split into: 1 below the threshold. */
    public static int parts(long work) {
        return work < MIN_PARALLEL_WORK ? 1 : (int) Math.min(CORES, work / MIN_PARALLEL_WORK);
    }

    /** Whether an element-wise computation on {@code length} float32 values runs as one Java loop. */
    public static boolean elementwiseInJava(long length) {
        return ENABLED && length <= MAX_JAVA_ELEMENTWISE;
    }

    /** BLAS threads for a matrix product of {@code multiplyAdds} multiply-adds. */
    public static int blasThreads(long multiplyAdds) {
        return multiplyAdds < MIN_PARALLEL_MULTIPLY_ADDS ? 1 : CORES;
    }

    /** Runs {@code body} over {@code [0, n)} in {@link #parts(long)} contiguous pieces, in parallel when more than one. */
    public static void split(int n, Range body) {
        split(n, parts(n), body);
    }

    /** Runs {@code body} over {@code [0, n)} in {@code parts} contiguous pieces, in parallel when more than one. */
    public static void split(int n, int parts, Range body) {
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        IntConsumer piece = p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts));
        IntStream.range(0, parts).parallel().forEach(piece);
    }
}
