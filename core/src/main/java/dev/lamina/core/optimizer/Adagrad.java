package dev.lamina.core.optimizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}:
 * {@code acc += g^2}, {@code w -= lr g / sqrt(acc + eps)}.
 *
 * <pre>{@code
 * model.compile(new Adagrad(0.01), "mse");
 * }</pre>
 */
public final class Adagrad extends Optimizer {

    private final double initialAccumulatorValue;
    private final double epsilon;
    private INDArray accumulator;

    /** Adagrad with Keras's defaults. */
    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        if (!(initialAccumulatorValue >= 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adagrad: need initial_accumulator_value >= 0 and epsilon > 0. "
                    + "Received: " + initialAccumulatorValue + ", " + epsilon);
        }
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected void update(INDArray params, INDArray grads, long step) {
        if (accumulator == null || accumulator.length() != params.length()) {
            accumulator = params.ulike().assign(initialAccumulatorValue);
        }
        accumulator.addi(scratch.assign(grads).muli(grads));
        Transforms.sqrt(scratch.assign(accumulator).addi(epsilon), false).rdivi(grads).muli(learningRate());
        params.subi(scratch);
    }

    @Override
    FusedStep fusedStep(INDArray params, long step) {
        if (accumulator == null || accumulator.length() != params.length()) {
            accumulator = params.ulike().assign(initialAccumulatorValue);
        }
        float lr = (float) learningRate();
        float eps = (float) epsilon;
        return new FusedStep(List.of(accumulator), (w, g, s, length) -> {
            float[] a = s[0];
            for (int i = 0; i < length; i++) {
                float gi = g[i];
                float ai = a[i] + gi * gi;
                a[i] = ai;
                w[i] -= lr * gi / (float) Math.sqrt(ai + eps);
            }
        }, Integer.MAX_VALUE); // the accumulator only grows
    }

    @Override
    protected Map<String, Double> hyperParameters() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    protected Map<String, INDArray> slots() {
        return accumulator == null ? Map.of() : Map.of("accumulator", accumulator);
    }

    @Override
    protected void restoreSlots(Map<String, INDArray> state, long iterations) {
        accumulator = state.containsKey("accumulator") ? state.get("accumulator").dup() : null;
        setIterations(iterations);
    }
}
