package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}, Adam with the infinity norm:
 * at step t (from 1), {@code m += (g - m)(1 - beta_1)}, {@code u = max(beta_2 u, |g|)},
 * {@code w -= lr m / ((1 - beta_1^t)(u + eps))}. (Keras 3, {@code keras/src/optimizers/adamax.py}.)
 *
 * <pre>{@code
 * model.compile(new Adamax(2e-3), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adamax extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private INDArray momentum;
    private INDArray norm;

    /** Adamax with Keras's defaults. */
    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adamax: need 0 <= beta_1 < 1, 0 <= beta_2 <= 1 and epsilon > 0. "
                    + "Received: beta_1=" + beta1 + ", beta_2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adamax";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        momentum = slot(momentum, params);
        norm = slot(norm, params);
        momentum.addi(scratch.assign(grads).subi(momentum).muli(1 - beta1));
        Transforms.max(norm.muli(beta2), Transforms.abs(scratch.assign(grads), false), false);
        scratch.assign(norm).addi(epsilon).muli(1 - Math.pow(beta1, step));
        params.subi(scratch.rdivi(momentum).muli(learningRate()));
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        momentum = slot(momentum, params);
        norm = slot(norm, params);
        float lr = (float) learningRate();
        float unbias1 = (float) (1 - Math.pow(beta1, step));
        float keepM = (float) beta1;
        float new1 = (float) (1 - beta1);
        float keepU = (float) beta2;
        float eps = (float) epsilon;
        return new FusedStep(List.of(momentum, norm), (w, g, s, length) -> {
            float[] m = s[0];
            float[] u = s[1];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float mi = keepM * m[i] + new1 * gi;
                float ui = Math.max(keepU * u[i], Math.abs(gi));
                m[i] = mi;
                u[i] = ui;
                w[i] -= lr * mi / (unbias1 * (ui + eps));
            }
        }, FusedUpdate.flushInterval(beta1, beta2));
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (momentum != null) {
            state.put("momentum", momentum);
            state.put("norm", norm);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        momentum = state.containsKey("momentum") ? state.get("momentum").dup() : null;
        norm = state.containsKey("norm") ? state.get("norm").dup() : null;
        setIterations(iterations);
    }
}
