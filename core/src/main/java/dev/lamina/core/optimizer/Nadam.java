package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}: Adam with Nesterov momentum
 * and Dozat's momentum schedule. At step t (from 1), {@code u_t = beta_1 (1 - 0.5 * 0.96^t)} and
 * {@code u_product_t = u_1 ... u_t}; {@code m += (g - m)(1 - beta_1)}, {@code v += (g^2 - v)(1 - beta_2)},
 * {@code m_hat = u_{t+1} m / (1 - u_product_t u_{t+1}) + (1 - u_t) g / (1 - u_product_t)},
 * {@code v_hat = v / (1 - beta_2^t)}, {@code w -= lr m_hat / (sqrt(v_hat) + eps)}.
 * (Keras 3, {@code keras/src/optimizers/nadam.py}.) Keras keeps {@code u_product} as a variable; here it follows
 * from the step count, so a restored optimizer continues the schedule exactly.
 *
 * <pre>{@code
 * model.compile(new Nadam(2e-3), "binary_crossentropy", "accuracy");
 * }</pre>
 */
public final class Nadam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private INDArray momentum;
    private INDArray velocity;
    private INDArray work;
    private long uProductStep;
    private double uProduct = 1.0;

    /** Nadam with Keras's defaults. */
    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("nadam: need 0 <= beta_1, beta_2 < 1 and epsilon > 0. Received: "
                    + "beta_1=" + beta1 + ", beta_2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "nadam";
    }

    /** {@code u_t = beta_1 (1 - 0.5 * 0.96^t)}, the momentum schedule. */
    private double u(long t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t));
    }

    /** {@code u_1 u_2 ... u_t}, carried from the previous step or recomputed (after a restore). */
    private double uProduct(long t) {
        if (t != uProductStep + 1) {
            uProduct = 1.0;
            for (long i = 1; i < t; i++) {
                uProduct *= u(i);
            }
        }
        uProduct *= u(t);
        uProductStep = t;
        return uProduct;
    }

    /** The coefficients of {@code m} and {@code g} in {@code m_hat}, then {@code 1 / (1 - beta_2^t)}. */
    private double[] coefficients(long step) {
        double uNow = u(step);
        double uNext = u(step + 1);
        double product = uProduct(step);
        return new double[] {uNext / (1 - product * uNext), (1 - uNow) / (1 - product),
                1 / (1 - Math.pow(beta2, step))};
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        momentum = slot(momentum, params);
        velocity = slot(velocity, params);
        work = slot(work, params);
        double[] c = coefficients(step);
        momentum.addi(scratch.assign(grads).subi(momentum).muli(1 - beta1));
        velocity.addi(scratch.assign(grads).muli(grads).subi(velocity).muli(1 - beta2));
        Transforms.sqrt(work.assign(velocity).muli(c[2]), false).addi(epsilon); // sqrt(v_hat) + eps
        scratch.assign(momentum).muli(c[0]);
        axpy(c[1], grads, scratch); // m_hat
        params.subi(scratch.divi(work).muli(learningRate()));
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        momentum = slot(momentum, params);
        velocity = slot(velocity, params);
        double[] c = coefficients(step);
        float lr = (float) learningRate();
        float ofM = (float) c[0];
        float ofG = (float) c[1];
        float unbias2 = (float) c[2];
        float keepM = (float) beta1;
        float keepV = (float) beta2;
        float new1 = (float) (1 - beta1);
        float new2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        return new FusedStep(List.of(momentum, velocity), (w, g, s, length) -> {
            float[] m = s[0];
            float[] v = s[1];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float mi = keepM * m[i] + new1 * gi;
                float vi = keepV * v[i] + new2 * (gi * gi);
                m[i] = mi;
                v[i] = vi;
                w[i] -= lr * (ofM * mi + ofG * gi) / ((float) Math.sqrt(vi * unbias2) + eps);
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
            state.put("velocity", velocity);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        momentum = state.containsKey("momentum") ? state.get("momentum").dup() : null;
        velocity = state.containsKey("velocity") ? state.get("velocity").dup() : null;
        uProductStep = -1; // recomputed from the step count at the next step
        setIterations(iterations);
    }
}
