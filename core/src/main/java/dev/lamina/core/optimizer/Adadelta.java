package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)}:
 * {@code acc_g = rho acc_g + (1 - rho) g^2}, {@code delta = -sqrt(acc_delta + eps) g / sqrt(acc_g + eps)},
 * {@code acc_delta = rho acc_delta + (1 - rho) delta^2}, {@code w += lr delta}. Keras's learning rate multiplies the
 * step; the paper's form is {@code learning_rate=1.0}. (Keras 3, {@code keras/src/optimizers/adadelta.py}.)
 *
 * <pre>{@code
 * model.compile(new Adadelta(1.0), "mse");
 * }</pre>
 */
public final class Adadelta extends Optimizer {

    private final double rho;
    private final double epsilon;
    private INDArray accumulatedGrad;
    private INDArray accumulatedDeltaVar;
    private INDArray work;

    /** Adadelta with Keras's defaults. */
    public Adadelta() {
        this(0.001);
    }

    public Adadelta(double learningRate) {
        this(learningRate, 0.95, 1e-7);
    }

    public Adadelta(double learningRate, double rho, double epsilon) {
        super(learningRate);
        if (!(rho >= 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adadelta: need 0 <= rho < 1 and epsilon > 0. Received: rho=" + rho
                    + ", epsilon=" + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adadelta";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        accumulatedGrad = slot(accumulatedGrad, params);
        accumulatedDeltaVar = slot(accumulatedDeltaVar, params);
        work = slot(work, params);
        accumulatedGrad.muli(rho);
        axpy(1 - rho, scratch.assign(grads).muli(grads), accumulatedGrad);
        // scratch = -delta = sqrt(acc_delta + eps) g / sqrt(acc_g + eps)
        Transforms.sqrt(scratch.assign(accumulatedDeltaVar).addi(epsilon), false).muli(grads);
        scratch.divi(Transforms.sqrt(work.assign(accumulatedGrad).addi(epsilon), false));
        accumulatedDeltaVar.muli(rho);
        axpy(1 - rho, work.assign(scratch).muli(scratch), accumulatedDeltaVar);
        axpy(-learningRate(), scratch, params);
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        accumulatedGrad = slot(accumulatedGrad, params);
        accumulatedDeltaVar = slot(accumulatedDeltaVar, params);
        float lr = (float) learningRate();
        float keep = (float) rho;
        float add = (float) (1 - rho);
        float eps = (float) epsilon;
        return new FusedStep(List.of(accumulatedGrad, accumulatedDeltaVar), (w, g, s, length) -> {
            float[] accG = s[0];
            float[] accD = s[1];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float ag = keep * accG[i] + add * (gi * gi);
                accG[i] = ag;
                float delta = (float) Math.sqrt(accD[i] + eps) * gi / (float) Math.sqrt(ag + eps); // -delta
                accD[i] = keep * accD[i] + add * (delta * delta);
                w[i] -= lr * delta;
            }
        }, FusedUpdate.flushInterval(rho));
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("rho", rho);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (accumulatedGrad != null) {
            state.put("accumulated_grad", accumulatedGrad);
            state.put("accumulated_delta_var", accumulatedDeltaVar);
        }
        return state;
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        accumulatedGrad = state.containsKey("accumulated_grad") ? state.get("accumulated_grad").dup() : null;
        accumulatedDeltaVar = state.containsKey("accumulated_delta_var")
                ? state.get("accumulated_delta_var").dup() : null;
        setIterations(iterations);
    }
}
