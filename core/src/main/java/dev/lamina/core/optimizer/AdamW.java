package dev.lamina.core.optimizer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code AdamW(learning_rate=0.001, weight_decay=0.004, ...)}: Adam with decoupled weight decay, applied
 * before each update as {@code w -= lr * weight_decay * w}.
 *
 * <pre>{@code
 * model.compile(new AdamW(1e-3, 0.01), "mse");
 * }</pre>
 */
public final class AdamW extends Adam {

    private final double weightDecay;

    /** AdamW with Keras's defaults. */
    public AdamW() {
        this(0.001, 0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, 0.9, 0.999, 1e-7, false);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
                 boolean amsgrad) {
        super(learningRate, beta1, beta2, epsilon, amsgrad);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("adamw: weight_decay must be >= 0. Received: " + weightDecay);
        }
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        params.subi(scratch.assign(params).muli(learningRate() * weightDecay));
        super.update(params, grads, step);
    }

    @Override
    double decoupledWeightDecay() {
        return weightDecay;
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new java.util.LinkedHashMap<>(super.hyperParameters());
        config.put("weight_decay", weightDecay);
        return config;
    }
}
