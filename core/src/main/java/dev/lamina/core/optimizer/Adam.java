package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)}: at step t,
 * {@code alpha = lr sqrt(1 - beta_2^t) / (1 - beta_1^t)}, {@code m += (g - m)(1 - beta_1)},
 * {@code v += (g^2 - v)(1 - beta_2)} (AMSGrad: {@code v_hat = max(v_hat, v)}), {@code w -= alpha m / (sqrt(v) + eps)}.
 * Keras 3's {@code weight_decay} is {@link #weightDecay(double)} ({@code w -= w * weight_decay * lr} first).
 *
 * <pre>{@code
 * model.compile(new Adam(3e-4), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean amsgrad;
    private INDArray m;
    private INDArray v;
    private INDArray vHat;

    /** Adam with Keras's defaults. */
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, false);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException(name() + ": need 0 <= beta_1, beta_2 < 1 and epsilon > 0. Received: "
                    + "beta_1=" + beta1 + ", beta_2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        m = slot(m, params);
        v = slot(v, params);
        double alpha = learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        m.addi(scratch.assign(grads).subi(m).muli(1 - beta1));
        v.addi(scratch.assign(grads).muli(grads).subi(v).muli(1 - beta2));
        INDArray second = v;
        if (amsgrad) {
            vHat = slot(vHat, params);
            Transforms.max(vHat, v, false);
            second = vHat;
        }
        Transforms.sqrt(scratch.assign(second), false).addi(epsilon).rdivi(m).muli(alpha);
        params.subi(scratch);
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        m = slot(m, params);
        v = slot(v, params);
        vHat = amsgrad ? slot(vHat, params) : vHat;
        float alpha = (float) (learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        float keep1 = (float) (1 - beta1);
        float keep2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float keepM = (float) beta1;
        float keepV = (float) beta2;
        int flushEvery = FusedUpdate.flushInterval(beta1, beta2);
        if (!amsgrad) {
            return new FusedStep(List.of(m, v), (w, g, s, length) -> {
                float[] first = s[0];
                float[] second = s[1];
                for (int i = 0; i < length; i++) { // no branches: the JIT vectorizes it
                    float gi = g[i];
                    float mi = keepM * first[i] + keep1 * gi;
                    float vi = keepV * second[i] + keep2 * (gi * gi);
                    first[i] = mi;
                    second[i] = vi;
                    w[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
                }
            }, flushEvery);
        }
        return new FusedStep(List.of(m, v, vHat), (w, g, s, length) -> {
            float[] first = s[0];
            float[] second = s[1];
            float[] maxSecond = s[2];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float mi = keepM * first[i] + keep1 * gi;
                float vi = keepV * second[i] + keep2 * (gi * gi);
                first[i] = mi;
                second[i] = vi;
                float vMax = Math.max(maxSecond[i], vi);
                maxSecond[i] = vMax;
                w[i] -= alpha * mi / ((float) Math.sqrt(vMax) + eps);
            }
        }, flushEvery);
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad ? 1.0 : 0.0);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (m != null) {
            state.put("m", m);
            state.put("v", v);
        }
        if (vHat != null) {
            state.put("v_hat", vHat);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        m = state.containsKey("m") ? state.get("m").dup() : null;
        v = state.containsKey("v") ? state.get("v").dup() : null;
        vHat = state.containsKey("v_hat") ? state.get("v_hat").dup() : null;
        setIterations(iterations);
    }
}
