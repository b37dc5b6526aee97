package dev.lamina.core.loss;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code huber(delta=1.0)}: per element {@code 0.5 e^2} for {@code |e| <= delta}, else
 * {@code delta (|e| - 0.5 delta)}, averaged over the last axis.
 *
 * <pre>{@code
 * model.compile("adam", new Huber(2.0));
 * }</pre>
 *
 * @param delta where the quadratic part turns linear (default 1.0)
 */
public record Huber(double delta) implements Loss {

    /** Huber with delta 1. */
    public Huber() {
        this(1.0);
    }

    public Huber {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive number. Received: delta=" + delta);
        }
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("delta", delta);
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        INDArray absError = Transforms.abs(yPred.sub(yTrue), false);
        INDArray quadratic = Transforms.min(absError, delta, true);
        INDArray linear = absError.subi(quadratic);
        return quadratic.mul(quadratic).muli(0.5).addi(linear.muli(delta)).mean(1);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        INDArray error = yPred.sub(yTrue);
        return Transforms.min(Transforms.max(error, -delta, false), delta, false).divi(yPred.size(1));
    }
}
