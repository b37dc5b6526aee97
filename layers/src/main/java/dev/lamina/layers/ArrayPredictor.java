package dev.lamina.layers;

import dev.lamina.core.HostFloats;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code predict} on plain Java arrays, for services: rows of features in, outputs into the caller's array. For a
 * float32 model nothing is allocated per call (the layers run in Java on this thread's scratch, under the model's
 * read lock), so a service predicting one row at a time keeps a flat heap; other models go through
 * {@link Predictor}.
 *
 * <pre>{@code
 * float[] out = new float[1];
 * ArrayPredictor.predict(model, features, out);                  // features: inputSize values per row
 * ArrayPredictor.predictSparse(model, new int[] {3, 17}, null, out); // one multi-hot row
 * }</pre>
 */
final class ArrayPredictor {

    private ArrayPredictor() {
    }

    /**
     * The outputs of the rows in {@code features} ({@code inputSize} values each, one row after another), into
     * {@code out} (a new array when null).
     */
    static float[] predict(Model model, float[] features, float[] out) {
        Objects.requireNonNull(features, "predict: features is null");
        if (!model.isBuilt()) {
            Inputs.buildFor(model, features.length, "predict"); // one row builds an unbuilt model, as in Keras
        }
        int width = (int) model.inputSize();
        if (features.length == 0 || features.length % width != 0) {
            throw new IllegalArgumentException("predict: " + features.length + " feature values are not whole rows "
                    + "of the model's " + width + " inputs. Pass the rows one after another, " + width
                    + " values each.");
        }
        int rows = features.length / width;
        int outputs = (int) model.outputSize();
        out = out == null ? new float[rows * outputs] : out;
        requireRoom(out, rows, outputs);
        List<Layer> layers = model.layers();
        if (!Pass.runsInJava(layers)) {
            HostFloats.copy(Predictor.predict(model, Nd4j.create(features, new long[] {rows, width}, 'c'), 32), out);
            return out;
        }
        Lock lock = model.weights().readLock();
        for (int from = 0; from < rows; from += Pass.MAX_JAVA_ROWS) {
            int n = Math.min(Pass.MAX_JAVA_ROWS, rows - from);
            InferenceScratch scratch = InferenceScratch.borrow();
            lock.lock();
            try {
                float[] result = Pass.inferInJava(layers, features, from * width, n, null, scratch);
                System.arraycopy(result, 0, out, from * outputs, n * outputs);
            } finally {
                lock.unlock();
                scratch.giveBack();
            }
        }
        return out;
    }

    /**
     * The outputs of one sparse row: the non-zero {@code values} at column {@code indices} ({@code values} null for
     * all ones, a multi-hot row).
     */
    static float[] predictSparse(Model model, int[] indices, float[] values, float[] out) {
        Objects.requireNonNull(indices, "predict: indices is null");
        model.requireBuilt("predict");
        List<Layer> layers = model.layers();
        if (!(layers.get(0) instanceof Dense)) {
            throw Pass.sparseInputError(layers.get(0));
        }
        checkSparseRow(indices, values, model.inputSize());
        int outputs = (int) model.outputSize();
        requireRoom(out, 1, outputs);
        if (!Pass.runsInJava(layers)) {
            SparseRows row = new SparseRows(model.inputSize(), new int[] {0, indices.length}, indices.clone(),
                    values == null ? null : values.clone());
            HostFloats.copy(Predictor.predict(model, row, 1), out);
            return out;
        }
        Lock lock = model.weights().readLock();
        InferenceScratch scratch = InferenceScratch.borrow();
        lock.lock();
        try {
            float[] result = Pass.inferSparseInJava(layers, scratch.oneRowOffsets(indices.length), indices, values, 1,
                    null, scratch);
            System.arraycopy(result, 0, out, 0, outputs);
        } finally {
            lock.unlock();
            scratch.giveBack();
        }
        return out;
    }

    private static void checkSparseRow(int[] indices, float[] values, long columns) {
        if (values != null && values.length != indices.length) {
            throw new IllegalArgumentException("predict: " + indices.length + " indices but " + values.length
                    + " values; give one value per index, or null values for all ones.");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= columns) {
                throw new IllegalArgumentException("predict: indices[" + i + "] = " + indices[i] + " is outside the "
                        + "model's " + columns + " inputs [0, " + columns + ").");
            }
            if (values != null && !Float.isFinite(values[i])) {
                throw new IllegalArgumentException("predict: values[" + i + "] is " + values[i] + " (at column "
                        + indices[i] + "). Clean or impute the data first.");
            }
        }
    }

    private static void requireRoom(float[] out, int rows, int outputs) {
        Objects.requireNonNull(out, "predict: out is null");
        if (out.length < (long) rows * outputs) {
            throw new IllegalArgumentException("predict: out holds " + out.length + " values; " + rows + " row(s) of "
                    + outputs + " outputs need " + (long) rows * outputs + ".");
        }
    }
}
