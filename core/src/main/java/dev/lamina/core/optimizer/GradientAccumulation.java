package dev.lamina.core.optimizer;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The accumulator behind Keras 3's {@code gradient_accumulation_steps} ({@code BaseOptimizer._backend_apply_gradients}
 * in keras/src/optimizers/base_optimizer.py): the steps between two updates add their gradient to it; the update step
 * replaces its gradient by {@code (g + accumulator) / n} and resets the accumulator. On float32 arrays with the fast
 * paths on, the update step's pass is one chunked Java loop (as {@link FusedUpdate}); otherwise ND4J ops.
 *
 * <pre>{@code
 * GradientAccumulation.add(accumulator, grads);        // steps 1 .. n-1
 * GradientAccumulation.mean(grads, accumulator, n);    // step n, before the update
 * }</pre>
 */
final class GradientAccumulation {

    private static final int CHUNK = 4096;

    private GradientAccumulation() {
    }

    /** {@code accumulator += grads} (one ND4J op: a single pass already). */
    static void add(INDArray accumulator, INDArray grads) {
        accumulator.addi(grads);
    }

    /** {@code grads = (grads + accumulator) / steps}, then {@code accumulator = 0}. */
    static void mean(INDArray grads, INDArray accumulator, int steps) {
        if (!FastPaths.enabled() || !FusedUpdate.applies(grads, accumulator)) {
            grads.addi(accumulator).divi(steps);
            accumulator.assign(0.0);
            return;
        }
        float n = steps;
        FloatBuffer g = HostFloats.buffer(grads);
        FloatBuffer a = HostFloats.buffer(accumulator);
        FastPaths.split((int) grads.length(), (from, to) -> {
            float[] gc = new float[CHUNK];
            float[] ac = new float[CHUNK];
            float[] zeros = new float[CHUNK];
            for (int start = from; start < to; start += CHUNK) {
                int length = Math.min(CHUNK, to - start);
                g.get(start, gc, 0, length);
                a.get(start, ac, 0, length);
                for (int i = 0; i < length; i++) {
                    gc[i] = (gc[i] + ac[i]) / n;
                }
                g.put(start, gc, 0, length);
                a.put(start, zeros, 0, length);
            }
        });
    }
}
