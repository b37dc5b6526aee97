package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}: {@code m = momentum m - lr g}, then
 * {@code w += m} ({@code w += momentum m - lr g} with Nesterov); plain {@code w -= lr g} without momentum.
 * Keras 3's {@code weight_decay} is {@link #weightDecay(double)} ({@code w -= w * weight_decay * lr} first).
 *
 * <pre>{@code
 * model.compile(new SGD(0.1, 0.9, true), "mse");
 * }</pre>
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final boolean nesterov;
    private INDArray velocity;

    /** SGD with learning rate 0.01. */
    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("sgd: momentum must be in [0, 1]. Received: " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        double lr = learningRate();
        if (momentum == 0.0) {
            params.subi(scratch.assign(grads).muli(lr));
            return;
        }
        velocity = slot(velocity, params);
        velocity.muli(momentum).subi(scratch.assign(grads).muli(lr));
        if (nesterov) {
            params.addi(scratch.assign(velocity).muli(momentum).subi(grads.mul(lr)));
        } else {
            params.addi(velocity);
        }
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        float lr = (float) learningRate();
        if (momentum == 0.0) {
            return new FusedStep(List.of(), (w, g, s, length) -> {
                for (int i = 0; i < length; i++) {
                    w[i] -= lr * g[i];
                }
            }, Integer.MAX_VALUE);
        }
        velocity = slot(velocity, params);
        float mu = (float) momentum;
        boolean lookAhead = nesterov;
        return new FusedStep(List.of(velocity), (w, g, s, length) -> {
            float[] v = s[0];
            for (int i = 0; i < length; i++) {
                float vi = mu * v[i] - lr * g[i];
                v[i] = vi;
                w[i] += lookAhead ? mu * vi - lr * g[i] : vi;
            }
        }, FusedUpdate.flushInterval(momentum));
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov ? 1.0 : 0.0);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        return velocity == null ? Map.of() : Map.of("momentum", velocity);
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        if (state.containsKey("momentum")) {
            velocity = state.get("momentum").dup();
        }
        setIterations(iterations);
    }
}
