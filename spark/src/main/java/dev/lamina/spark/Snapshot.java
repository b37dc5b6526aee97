package dev.lamina.spark;

import dev.lamina.layers.Sequential;
import dev.lamina.core.optimizer.Optimizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a training round starts from, in plain arrays: every weight tensor (in {@code getWeights()} order), every
 * optimizer slot ({@code optimizer().state()}: moments, accumulators) and the optimizer's step count. The driver
 * broadcasts one per round; each task copies it into its model replica.
 *
 * <pre>{@code
 * Snapshot start = Snapshot.of(model);
 * start.applyTo(replica);       // on an executor: same weights, same optimizer state
 * }</pre>
 *
 * @param weights    each weight tensor's values, row-major
 * @param shapes     each weight tensor's shape
 * @param slots      each optimizer slot's values by name, in the optimizer's order
 * @param slotShapes each optimizer slot's shape by name
 * @param iterations the optimizer's step count (Keras's {@code iterations})
 */
record Snapshot(List<float[]> weights, List<long[]> shapes, Map<String, float[]> slots,
                Map<String, long[]> slotShapes, long iterations) implements Serializable {

    /** The model's weights and optimizer state now. */
    static Snapshot of(Sequential model) {
        List<float[]> weights = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (INDArray w : model.getWeights()) {
            weights.add(values(w));
            shapes.add(w.shape());
        }
        Map<String, float[]> slots = new LinkedHashMap<>();
        Map<String, long[]> slotShapes = new LinkedHashMap<>();
        Optimizer optimizer = model.optimizer();
        optimizer.state().forEach((name, slot) -> {
            slots.put(name, values(slot));
            slotShapes.put(name, slot.shape());
        });
        return new Snapshot(weights, shapes, slots, slotShapes, optimizer.iterations());
    }

    /** Sets {@code model}'s weights, optimizer slots and step count to this snapshot's. */
    void applyTo(Sequential model) {
        List<INDArray> arrays = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            arrays.add(Nd4j.create(weights.get(i), shapes.get(i), 'c'));
        }
        model.setWeights(arrays);
        Map<String, INDArray> state = new LinkedHashMap<>();
        slots.forEach((name, values) -> state.put(name, Nd4j.create(values, slotShapes.get(name), 'c')));
        model.optimizer().restoreState(state, iterations);
    }

    /** The number of floats it carries (weights and slots). */
    long floats() {
        long n = 0;
        for (float[] w : weights) {
            n += w.length;
        }
        for (float[] s : slots.values()) {
            n += s.length;
        }
        return n;
    }

    private static float[] values(INDArray array) {
        return array.dup('c').data().asFloat();
    }
}
