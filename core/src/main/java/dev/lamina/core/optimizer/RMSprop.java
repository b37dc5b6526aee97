package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)}:
 * {@code v = rho v + (1 - rho) g^2}; {@code inc = lr g / sqrt(v + eps)} (centered: {@code a = rho a + (1 - rho) g}
 * and {@code sqrt(v - a^2 + eps)}); with momentum {@code m = momentum m + inc, w -= m}, else {@code w -= inc}.
 * Epsilon sits inside the square root and the velocity starts at 0, unlike ND4J's own RmsProp updater.
 *
 * <pre>{@code
 * model.compile(new RMSprop(1e-3), "binary_crossentropy", "accuracy");
 * }</pre>
 */
public final class RMSprop extends Optimizer {

    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;
    private INDArray velocity;
    private INDArray averageGradient;
    private INDArray momentumSlot;

    /** RMSprop with Keras's defaults. */
    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        if (!(rho >= 0 && rho < 1) || !(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("rmsprop: need 0 <= rho < 1, 0 <= momentum <= 1 and epsilon > 0. "
                    + "Received: rho=" + rho + ", momentum=" + momentum + ", epsilon=" + epsilon);
        }
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        velocity = slot(velocity, params);
        // v = rho v + (1 - rho) g^2, then scratch = g / sqrt(v [- a^2] + eps): few large ops, no temporaries
        grads.mul(grads, scratch);
        velocity.muli(rho);
        axpy(1.0 - rho, scratch, velocity);
        if (centered) {
            averageGradient = slot(averageGradient, params);
            averageGradient.muli(rho);
            axpy(1.0 - rho, grads, averageGradient);
            averageGradient.mul(averageGradient, scratch);
            velocity.sub(scratch, scratch).addi(epsilon);
        } else {
            velocity.add(epsilon, scratch);
        }
        Transforms.sqrt(scratch, false);
        grads.div(scratch, scratch);
        if (momentum > 0) {
            momentumSlot = slot(momentumSlot, params);
            momentumSlot.muli(momentum);
            axpy(learningRate(), scratch, momentumSlot);
            params.subi(momentumSlot);
        } else {
            axpy(-learningRate(), scratch, params);
        }
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        velocity = slot(velocity, params);
        averageGradient = centered ? slot(averageGradient, params) : averageGradient;
        momentumSlot = momentum > 0 ? slot(momentumSlot, params) : momentumSlot;
        float decay = (float) rho;
        float keep = (float) (1.0 - rho);
        float eps = (float) epsilon;
        float lr = (float) learningRate();
        float mu = (float) momentum;
        boolean isCentered = centered;
        boolean withMomentum = momentum > 0;
        List<INDArray> slots = new ArrayList<>(List.of(velocity));
        if (centered) {
            slots.add(averageGradient);
        }
        if (withMomentum) {
            slots.add(momentumSlot);
        }
        int momentumAt = slots.size() - 1;
        int flushEvery = FusedUpdate.flushInterval(rho, withMomentum ? momentum : 1.0);
        if (!centered && !withMomentum) {
            return new FusedStep(slots, (w, g, s, length) -> {
                float[] v = s[0];
                for (int i = 0; i < length; i++) { // the default configuration, as a loop the JIT vectorizes
                    float gi = g[i];
                    float vi = decay * v[i] + keep * (gi * gi);
                    v[i] = vi;
                    w[i] -= lr * gi / (float) Math.sqrt(vi + eps);
                }
            }, flushEvery);
        }
        return new FusedStep(slots, (w, g, s, length) -> {
            float[] v = s[0];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float vi = decay * v[i] + keep * (gi * gi);
                v[i] = vi;
                float denominator = vi + eps;
                if (isCentered) {
                    float ai = decay * s[1][i] + keep * gi;
                    s[1][i] = ai;
                    denominator = vi - ai * ai + eps;
                }
                float increment = lr * gi / (float) Math.sqrt(denominator);
                if (withMomentum) {
                    increment += mu * s[momentumAt][i];
                    s[momentumAt][i] = increment;
                }
                w[i] -= increment;
            }
        }, flushEvery);
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered ? 1.0 : 0.0);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (velocity != null) {
            state.put("velocity", velocity);
        }
        if (averageGradient != null) {
            state.put("average_gradient", averageGradient);
        }
        if (momentumSlot != null) {
            state.put("momentum", momentumSlot);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        velocity = copy(state.get("velocity"));
        averageGradient = copy(state.get("average_gradient"));
        momentumSlot = copy(state.get("momentum"));
        setIterations(iterations);
    }

    private static INDArray copy(INDArray array) {
        return array == null ? null : array.dup();
    }
}
