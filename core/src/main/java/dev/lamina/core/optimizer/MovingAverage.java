package dev.lamina.core.optimizer;

import dev.lamina.core.FastPaths;
import dev.lamina.core.HostFloats;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The moving average of the weights behind Keras 3's {@code use_ema}
 * ({@code BaseOptimizer._update_model_variables_moving_average} in keras/src/optimizers/base_optimizer.py):
 * {@code average = m * average + (1 - m) * w}, then, on an overwrite step, {@code w = average}. On float32 arrays with
 * the fast paths on, one chunked Java pass (as {@link FusedUpdate}); otherwise ND4J ops. Both compute
 * {@code 1 - m} in the weights' precision, as Keras does.
 *
 * <pre>{@code
 * MovingAverage.update(params, average, 0.99, false, scratch, null);
 * }</pre>
 */
final class MovingAverage {

    private static final int CHUNK = 4096;

    private MovingAverage() {
    }

    /**
     * {@code average = momentum * average + (1 - momentum) * params}; with {@code overwrite}, then
     * {@code params = average} (and {@code hostCopy}, when given, too).
     */
    static void update(INDArray params, INDArray average, double momentum, boolean overwrite, INDArray scratch,
                       float[] hostCopy) {
        if (FastPaths.enabled() && FusedUpdate.applies(params, average)) {
            fused(params, average, (float) momentum, overwrite, hostCopy);
            return;
        }
        double keep = params.dataType() == DataType.FLOAT ? (float) momentum : momentum;
        average.muli(keep).addi(scratch.assign(params).muli(1 - keep));
        if (overwrite) {
            params.assign(average);
            if (hostCopy != null) {
                HostFloats.buffer(params).get(0, hostCopy, 0, hostCopy.length);
            }
        }
    }

    private static void fused(INDArray params, INDArray average, float keep, boolean overwrite, float[] hostCopy) {
        float take = 1f - keep;
        FloatBuffer w = HostFloats.buffer(params);
        FloatBuffer a = HostFloats.buffer(average);
        FastPaths.split((int) params.length(), (from, to) -> {
            float[] wc = new float[CHUNK];
            float[] ac = new float[CHUNK];
            for (int start = from; start < to; start += CHUNK) {
                int length = Math.min(CHUNK, to - start);
                w.get(start, wc, 0, length);
                a.get(start, ac, 0, length);
                for (int i = 0; i < length; i++) {
                    ac[i] = keep * ac[i] + take * wc[i];
                }
                a.put(start, ac, 0, length);
                if (overwrite) {
                    w.put(start, ac, 0, length);
                    if (hostCopy != null) {
                        System.arraycopy(ac, 0, hostCopy, start, length);
                    }
                }
            }
        });
    }
}
