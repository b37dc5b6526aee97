package dev.lamina.serialization;

import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.Optimizers;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Sequential;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Restores a compiled model's optimizer state from Keras 3's optimizer variables, the exact inverse of
 * {@link KerasWeightsWriter}: the step count, the learning rate (absent with a schedule), then the slots per
 * trainable weight in the order Keras's {@code build} creates them. As Keras's {@code load_own_variables}, the state
 * is restored only when the number of variables (and here their shapes) is what the optimizer holds; otherwise a
 * warning ("Skipping variable loading for optimizer ...") and the optimizer starts afresh.
 *
 * <pre>{@code
 * KerasOptimizerVars.restore(model, h5, variables, "m.keras!model.weights.h5:/optimizer/vars");
 * }</pre>
 */
final class KerasOptimizerVars {

    private static final System.Logger LOG = System.getLogger(KerasOptimizerVars.class.getName());

    private KerasOptimizerVars() {
    }

    /** One trainable weight: its shape and where it starts in Lamina's packed trainable weights. */
    private record Weight(long[] shape, long offset, long length) {
    }

    /** Restores {@code model.optimizer()} from {@code variables} (datasets in Keras's order), or warns. */
    static void restore(Sequential model, Hdf5Reader h5, List<Node> variables, String where) {
        Optimizer optimizer = model.optimizer();
        List<Weight> weights = trainableWeights(model);
        List<List<String>> groups = slotOrder(optimizer, weights);
        List<String> slots = groups == null ? null : groups.stream().flatMap(List::stream).toList();
        int header = optimizer.learningRateSchedule() == null ? 2 : 1;
        int expected = slots == null ? -1 : header + slots.size() * weights.size();
        if (variables.size() != expected) {
            if (variables.size() == header && stepCount(h5, variables.get(0)) == 0) {
                return; // saved before the first step, as Keras writes an unbuilt optimizer: fresh is the same state
            }
            skip(optimizer, where, "the file has " + variables.size() + " variables, whereas Lamina's "
                    + optimizer.name() + (slots == null ? " keeps a state Keras does not write the same way"
                    : " holds " + expected + " (iterations" + (header == 2 ? ", learning_rate" : "") + " and "
                    + slots.size() + " slot(s) " + slots + " for each of " + weights.size() + " trainable weights)"));
            return;
        }
        try {
            long iterations = Math.round(h5.read(variables.get(0), new long[0], model.dataType(), true,
                    "optimizer iterations").getDouble(0));
            Double learningRate = null;
            if (header == 2) {
                learningRate = h5.read(variables.get(1), new long[0], model.dataType(), false,
                        "optimizer learning_rate").getDouble(0);
            }
            long parameters = weights.isEmpty() ? 0 : weights.get(weights.size() - 1).offset()
                    + weights.get(weights.size() - 1).length();
            Map<String, INDArray> state = new LinkedHashMap<>();
            int index = header;
            for (List<String> group : groups) {
                for (Weight weight : weights) {
                    for (String slot : group) {
                        INDArray value = h5.read(variables.get(index++), weight.shape(), model.dataType(), false,
                                "optimizer slot '" + slot + "'");
                        state.computeIfAbsent(slot, s -> Nd4j.zeros(model.dataType(), 1, parameters))
                                .get(NDArrayIndex.point(0), NDArrayIndex.interval(weight.offset(),
                                        weight.offset() + weight.length()))
                                .assign(value.reshape(weight.length()));
                    }
                }
            }
            optimizer.restoreState(state, iterations);
            if (learningRate != null && (float) optimizer.learningRate() != learningRate.floatValue()) {
                optimizer.setLearningRate(learningRate); // set during training (a callback): Keras keeps the variable
            }
        } catch (ModelFormatException | IllegalArgumentException e) {
            skip(optimizer, where, e.getMessage());
        }
    }

    /** Logs that the optimizer's saved state is not used, as Keras warns. */
    static void skip(Optimizer optimizer, String where, String why) {
        LOG.log(System.Logger.Level.WARNING, where + ": Skipping variable loading for optimizer '" + optimizer.name()
                + "', because " + why + "; the optimizer starts afresh");
    }

    private static long stepCount(Hdf5Reader h5, Node node) {
        try {
            return Math.round(h5.read(node, new long[0], org.nd4j.linalg.api.buffer.DataType.DOUBLE, true,
                    "optimizer iterations").getDouble(0));
        } catch (ModelFormatException e) {
            return -1;
        }
    }

    private static List<Weight> trainableWeights(Sequential model) {
        List<Weight> weights = new ArrayList<>();
        long offset = 0;
        for (Layer layer : model.layers()) {
            List<INDArray> values = layer.weights();
            for (int i = 0; i < values.size(); i++) {
                if (layer.isTrainableWeight(i)) {
                    weights.add(new Weight(values.get(i).shape(), offset, values.get(i).length()));
                    offset += values.get(i).length();
                }
            }
        }
        return weights;
    }

    /**
     * The slots Lamina's optimizer holds once it has stepped, in Keras's order: groups in turn, the slots of one group
     * interleaved per weight; null when Keras's order is unknown (Nadam). Which slots exist depends on the config
     * (SGD's momentum, RMSprop's centered, Adam's amsgrad, use_ema, ...), so a copy of the optimizer steps on zeros to
     * find out.
     */
    private static List<List<String>> slotOrder(Optimizer optimizer, List<Weight> weights) {
        Set<String> held = probe(optimizer, weights);
        List<List<String>> order = KerasWeightsWriter.SLOT_ORDER.get(optimizer.name());
        if (order == null) {
            return held.isEmpty() ? List.of() : null;
        }
        List<List<String>> groups = new ArrayList<>(KerasWeightsWriter.BASE_SLOTS);
        groups.addAll(order);
        List<List<String>> present = new ArrayList<>();
        int covered = 0;
        for (List<String> group : groups) {
            List<String> slots = group.stream().filter(held::contains).toList();
            if (!slots.isEmpty()) {
                present.add(slots);
                covered += slots.size();
            }
        }
        return covered == held.size() ? present : null;
    }

    private static Set<String> probe(Optimizer optimizer, List<Weight> weights) {
        long parameters = weights.stream().mapToLong(Weight::length).sum();
        if (parameters == 0) {
            return Set.of();
        }
        Optimizer copy = Optimizers.get(optimizer.name(), optimizer.config());
        copy.learningRateSchedule(optimizer.learningRateSchedule());
        INDArray params = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, parameters);
        for (int i = 0; i < Math.max(1, copy.gradientAccumulationSteps()); i++) {
            INDArray grads = params.ulike().assign(0);
            copy.step(params, grads, List.of(grads));
        }
        return copy.state().keySet();
    }
}
