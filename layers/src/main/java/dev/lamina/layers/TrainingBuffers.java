package dev.lamina.layers;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's training arrays (pre-activation, output, input gradient), allocated once per batch size and reused, so
 * that a training step allocates no large temporaries (ND4J frees off-heap memory only when the GC runs).
 */
final class TrainingBuffers {

    /** The arrays for one batch size. */
    static final class Set {
        private final INDArray preActivation;
        private final INDArray output;
        private INDArray inputGradient;

        Set(long rows, long units, DataType dataType) {
            preActivation = Nd4j.create(dataType, rows, units);
            output = Nd4j.create(dataType, rows, units);
        }

        INDArray preActivation() {
            return preActivation;
        }

        INDArray output() {
            return output;
        }

        INDArray inputGradient(long inputSize) {
            if (inputGradient == null || inputGradient.size(1) != inputSize) {
                inputGradient = Nd4j.create(preActivation.dataType(), preActivation.size(0), inputSize);
            }
            return inputGradient;
        }
    }

    private final Map<Long, Set> byRows = new HashMap<>();
    private Set current;

    Set forRows(long rows, long units, DataType dataType) {
        Set set = byRows.get(rows);
        if (set == null || set.preActivation.size(1) != units || set.preActivation.dataType() != dataType) {
            if (byRows.size() > 4) {
                clear(); // batch sizes keep changing: do not hoard memory
            }
            set = new Set(rows, units, dataType);
            byRows.put(rows, set);
        }
        current = set;
        return set;
    }

    Set current() {
        if (current == null) {
            throw new IllegalStateException("backward pass before forward pass");
        }
        return current;
    }

    void clear() {
        for (Set set : byRows.values()) {
            set.preActivation.close();
            set.output.close();
            if (set.inputGradient != null) {
                set.inputGradient.close();
            }
        }
        byRows.clear();
        current = null;
    }
}
