package dev.lamina.layers;

import dev.lamina.core.FastPaths;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every matrix product of the layers, {@code c = op(a) @ op(b)} into a preallocated {@code c} through ND4J's direct
 * GEMM route, and the number of BLAS threads a training run uses: chosen once per run from its largest product
 * ({@link FastPaths#blasThreads}), because changing OpenBLAS's thread count costs ~100 us, more than a small product.
 *
 * <pre>{@code
 * int before = Gemm.useThreadsFor(512L * 10_000 * 16);
 * Gemm.multiply(x, kernel, z, false, false);   // z = x @ kernel
 * Gemm.restoreThreads(before);
 * }</pre>
 */
final class Gemm {

    private Gemm() {
    }

    static void multiply(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    }

    /** Sets the BLAS threads for products of up to {@code multiplyAdds} multiply-adds; returns the previous count. */
    static int useThreadsFor(long multiplyAdds) {
        int previous = Nd4j.factory().blas().getMaxThreads();
        if (FastPaths.enabled()) {
            restoreThreads(FastPaths.blasThreads(multiplyAdds));
        }
        return previous;
    }

    static void restoreThreads(int threads) {
        if (threads > 0 && threads != Nd4j.factory().blas().getMaxThreads()) {
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }
}
