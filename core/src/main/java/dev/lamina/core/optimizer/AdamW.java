package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code AdamW(learning_rate=0.001, weight_decay=0.004, ...)}: Adam with decoupled weight decay, applied
 * before each update as {@code w -= lr * weight_decay * w} (the same as {@code new Adam().weightDecay(0.004)}, under
 * its own name).
 *
 * <pre>{@code
 * model.compile(new AdamW(1e-3, 0.01), "mse");
 * }</pre>
 */
public final class AdamW extends Adam {

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
        weightDecay(weightDecay);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>(super.hyperParameters());
        config.put("weight_decay", weightDecay()); // always, also 0, as AdamW's own parameter
        return config;
    }
}
