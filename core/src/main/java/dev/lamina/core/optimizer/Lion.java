package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Lion(learning_rate=0.001, beta_1=0.9, beta_2=0.99)}: {@code w -= lr sign(beta_1 m + (1 - beta_1) g)},
 * then {@code m = beta_2 m + (1 - beta_2) g}; {@code sign(0) = 0}. Every weight moves by exactly {@code lr} (or not at
 * all), so Lion's learning rate is typically 3-10x smaller than Adam's. beta_1 must be in (0, 1], as in Keras.
 * (Keras 3, {@code keras/src/optimizers/lion.py}.)
 *
 * <pre>{@code
 * model.compile(new Lion(1e-4), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Lion extends Optimizer {

    private final double beta1;
    private final double beta2;
    private INDArray momentum;

    /** Lion with Keras's defaults. */
    public Lion() {
        this(0.001);
    }

    public Lion(double learningRate) {
        this(learningRate, 0.9, 0.99);
    }

    public Lion(double learningRate, double beta1, double beta2) {
        super(learningRate);
        if (!(beta1 > 0 && beta1 <= 1) || !(beta2 >= 0 && beta2 <= 1)) {
            throw new IllegalArgumentException("lion: need 0 < beta_1 <= 1 (otherwise Lion degenerates to SignSGD) "
                    + "and 0 <= beta_2 <= 1. Received: beta_1=" + beta1 + ", beta_2=" + beta2);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        momentum = slot(momentum, params);
        scratch.assign(momentum).muli(beta1);
        axpy(1 - beta1, grads, scratch);
        axpy(-learningRate(), Transforms.sign(scratch, false), params);
        momentum.muli(beta2);
        axpy(1 - beta2, grads, momentum);
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        momentum = slot(momentum, params);
        float lr = (float) learningRate();
        float mix1 = (float) beta1;
        float new1 = (float) (1 - beta1);
        float keep2 = (float) beta2;
        float new2 = (float) (1 - beta2);
        return new FusedStep(List.of(momentum), (w, g, s, length) -> {
            float[] m = s[0];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float mi = m[i];
                w[i] -= lr * Math.signum(mix1 * mi + new1 * gi);
                m[i] = keep2 * mi + new2 * gi;
            }
        }, FusedUpdate.flushInterval(beta2));
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        return momentum == null ? Map.of() : Map.of("momentum", momentum);
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        momentum = state.containsKey("momentum") ? state.get("momentum").dup() : null;
        setIterations(iterations);
    }
}
