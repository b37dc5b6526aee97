package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Ftrl(learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
 * l1_regularization_strength=0.0, l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
 * beta=0.0)}, "follow the regularized leader" (McMahan et al., 2013). With {@code p = -learning_rate_power},
 * {@code l2' = l2 + beta / (2 lr)} and the slots {@code n} (accumulator, starting at
 * {@code initial_accumulator_value}) and {@code z} (linear, starting at 0), each step is
 * {@code n' = n + g^2}; {@code z += g + 2 l2_shrinkage w - (n'^p - n^p) / lr * w};
 * {@code w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 l2')}; {@code n = n'}. A weight whose {@code |z|} stays
 * within l1 is exactly 0. (Keras 3, {@code keras/src/optimizers/ftrl.py}.) Unlike Keras, which would divide by zero,
 * the learning rate must be positive, and beta must be at least 0.
 *
 * <pre>{@code
 * model.compile(new Ftrl(0.05, -0.5, 0.1, 0.001, 0.0, 0.0, 0.0), "binary_crossentropy", "accuracy");
 * }</pre>
 */
public final class Ftrl extends Optimizer {

    private final double learningRatePower;
    private final double initialAccumulatorValue;
    private final double l1;
    private final double l2;
    private final double l2Shrinkage;
    private final double beta;
    private INDArray accumulator;
    private INDArray linear;
    private INDArray work;

    /** Ftrl with Keras's defaults. */
    public Ftrl() {
        this(0.001);
    }

    public Ftrl(double learningRate) {
        this(learningRate, -0.5, 0.1, 0.0, 0.0, 0.0, 0.0);
    }

    public Ftrl(double learningRate, double learningRatePower, double initialAccumulatorValue, double l1, double l2,
                double l2Shrinkage, double beta) {
        super(learningRate);
        check("learning_rate_power", learningRatePower <= 0 && learningRatePower > Double.NEGATIVE_INFINITY,
                "<= 0", learningRatePower);
        check("initial_accumulator_value", initialAccumulatorValue >= 0 && Double.isFinite(initialAccumulatorValue),
                ">= 0", initialAccumulatorValue);
        check("l1_regularization_strength", l1 >= 0 && Double.isFinite(l1), ">= 0", l1);
        check("l2_regularization_strength", l2 >= 0 && Double.isFinite(l2), ">= 0", l2);
        check("l2_shrinkage_regularization_strength", l2Shrinkage >= 0 && Double.isFinite(l2Shrinkage), ">= 0",
                l2Shrinkage);
        check("beta", beta >= 0 && Double.isFinite(beta), ">= 0", beta);
        this.learningRatePower = learningRatePower;
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.l1 = l1;
        this.l2 = l2;
        this.l2Shrinkage = l2Shrinkage;
        this.beta = beta;
    }

    private static void check(String what, boolean valid, String expected, double value) {
        if (!valid) {
            throw new IllegalArgumentException("ftrl: " + what + " must be a number " + expected + ". Received: "
                    + what + "=" + value);
        }
    }

    @Override
    public String name() {
        return "ftrl";
    }

    /** As for every optimizer, but FTRL divides by the learning rate, so it must be above 0. */
    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("ftrl: learning_rate must be > 0 (FTRL divides by it). Received: "
                    + learningRate);
        }
        super.setLearningRate(learningRate);
    }

    private void ensureSlots(INDArray params) {
        if (accumulator == null || accumulator.length() != params.length()) {
            accumulator = params.ulike().assign(initialAccumulatorValue);
        }
        linear = slot(linear, params);
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        ensureSlots(params);
        work = slot(work, params);
        double lr = learningRate();
        double power = -learningRatePower;
        work.assign(grads).muli(grads).addi(accumulator); // n'
        scratch.assign(grads);
        axpy(2 * l2Shrinkage, params, scratch);
        linear.addi(scratch); // z += g + 2 l2_shrinkage w
        Transforms.pow(accumulator, power, false); // n^p (the slot is replaced by n' below)
        Transforms.pow(scratch.assign(work), power, false); // n'^p
        linear.subi(accumulator.rsubi(scratch).divi(lr).muli(params)); // z -= (n'^p - n^p) / lr * w
        scratch.divi(lr).addi(2 * (l2 + beta / (2 * lr))); // the quadratic term
        Transforms.min(Transforms.max(params.assign(linear), -l1, false), l1, false);
        params.subi(linear).divi(scratch);
        accumulator.assign(work);
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        ensureSlots(params);
        float lr = (float) learningRate();
        double power = -learningRatePower;
        boolean squareRoot = learningRatePower == -0.5;
        float shrink = (float) (2 * l2Shrinkage);
        float twoL2 = (float) (2 * (l2 + beta / (2 * learningRate())));
        float l1Bound = (float) l1;
        ElementRule rule = squareRoot
                ? (w, g, s, length) -> { // the default learning_rate_power, without Math.pow
                    float[] n = s[0];
                    float[] z = s[1];
                    for (int i = 0; i < length; i++) {
                        float gi = g[i];
                        float wi = w[i];
                        float next = n[i] + gi * gi;
                        float powNext = (float) Math.sqrt(next);
                        float zi = z[i] + (gi + shrink * wi) - (powNext - (float) Math.sqrt(n[i])) / lr * wi;
                        z[i] = zi;
                        n[i] = next;
                        w[i] = (Math.min(Math.max(zi, -l1Bound), l1Bound) - zi) / (powNext / lr + twoL2);
                    }
                }
                : (w, g, s, length) -> {
                    float[] n = s[0];
                    float[] z = s[1];
                    for (int i = 0; i < length; i++) {
                        float gi = g[i];
                        float wi = w[i];
                        float next = n[i] + gi * gi;
                        float powNext = (float) Math.pow(next, power);
                        float zi = z[i] + (gi + shrink * wi) - (powNext - (float) Math.pow(n[i], power)) / lr * wi;
                        z[i] = zi;
                        n[i] = next;
                        w[i] = (Math.min(Math.max(zi, -l1Bound), l1Bound) - zi) / (powNext / lr + twoL2);
                    }
                };
        // the accumulator only grows and z does not decay geometrically: nothing to flush
        return new FusedStep(List.of(accumulator, linear), rule, Integer.MAX_VALUE);
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("learning_rate_power", learningRatePower);
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("l1_regularization_strength", l1);
        config.put("l2_regularization_strength", l2);
        config.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        config.put("beta", beta);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (accumulator != null) {
            state.put("accumulator", accumulator);
            state.put("linear", linear);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        accumulator = state.containsKey("accumulator") ? state.get("accumulator").dup() : null;
        linear = state.containsKey("linear") ? state.get("linear").dup() : null;
        setIterations(iterations);
    }
}
