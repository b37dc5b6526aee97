package dev.lamina.layers;

import dev.lamina.core.loss.Loss;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The API boundary of {@code fit}, {@code evaluate} and {@code predict}: checks features, labels and sample weights
 * against the model (building it from the first features it sees) and turns them into the model's types, so that
 * everything behind it can trust its input.
 *
 * <pre>{@code
 * BatchRows rows = Inputs.rows(model, x, "fit", true);
 * INDArray labels = Inputs.labels(model, y, rows.count(), "fit");
 * }</pre>
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * Dense or sparse features as rows to draw batches from. With {@code scanValues} false the NaN/infinity scan of
     * dense input is left to the forward pass, which checks each batch's first-layer output instead (16 columns
     * rather than 10,000: a scan of 25,000 IMDB rows costs as much as predicting them).
     */
    static BatchRows rows(Model model, Object x, String action, boolean scanValues) {
        if (x == null) {
            throw new IllegalArgumentException(action + ": x is null");
        }
        if (model.layers().isEmpty()) {
            throw new IllegalStateException("Cannot " + action + ": the model has no layers.");
        }
        if (x instanceof SparseRows sparse) {
            return new BatchRows.Sparse(sparse(model, sparse, action));
        }
        return new BatchRows.Dense(dense(model, (INDArray) x, action, scanValues));
    }

    private static SparseRows sparse(Model model, SparseRows x, String action) {
        buildFor(model, x.columns(), action);
        Layer first = model.layers().get(0);
        if (!(first instanceof Dense)) {
            throw new IllegalArgumentException("Cannot " + action + " on sparse rows: the first layer must be Dense, "
                    + "not " + first.className() + ".");
        }
        if (x.columns() != model.inputSize()) {
            throw new IllegalArgumentException(action + ": model '" + model.name() + "' expects " + model.inputSize()
                    + " input columns; the sparse rows have " + x.columns() + ".");
        }
        if (model.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(action + ": sparse rows need a FLOAT model");
        }
        return x;
    }

    private static INDArray dense(Model model, INDArray x, String action, boolean scanValues) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(action + ": expected x of rank 2 [samples, features]; got shape "
                    + Arrays.toString(x.shape()) + ". Reshape it, e.g. x.reshape(n, features).");
        }
        buildFor(model, x.size(1), action);
        if (x.size(1) != model.inputSize()) {
            Layer first = model.layers().get(0);
            throw new IllegalArgumentException(first.className() + " '" + first.name() + "' expects "
                    + model.inputSize() + " input columns, got " + Arrays.toString(x.shape()) + ".");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(action + ": x has no rows");
        }
        if (scanValues && NonFinite.any(x)) {
            throw NonFinite.inputError(x, action);
        }
        INDArray input = x.dataType() == model.dataType() ? x : x.castTo(model.dataType());
        return input.ordering() == 'c' ? input : input.dup('c');
    }

    /** Builds an unbuilt model for {@code columns} inputs (Keras builds on the first call). */
    static void buildFor(Model model, long columns, String action) {
        if (model.isBuilt()) {
            return;
        }
        if (model.layers().get(0).isBuilt() || model.inputSize() > 0) {
            model.requireBuilt(action);
        }
        model.build(columns);
    }

    /** Validates labels against the output and the number of rows; returns them as [n, width] in the model type. */
    static INDArray labels(Model model, INDArray y, long rows, String action) {
        if (y == null) {
            throw new IllegalArgumentException(action + ": y is null");
        }
        INDArray labels = y.rank() == 1 ? y.reshape(y.length(), 1) : y;
        if (labels.rank() != 2) {
            throw new IllegalArgumentException(action + ": expected labels of rank 1 or 2; got shape "
                    + Arrays.toString(y.shape()));
        }
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException(action + ": x has " + rows + " rows but y has " + labels.size(0)
                    + "; they must match.");
        }
        Loss loss = model.loss();
        long units = model.outputSize();
        long width = loss.labelWidth(units);
        if (labels.size(1) != width) {
            String hint = labels.size(1) == 1 && units > 1
                    ? " Integer class labels need sparse_categorical_crossentropy."
                    : width == 1 && labels.size(1) == units ? " One-hot labels need categorical_crossentropy." : "";
            throw new IllegalArgumentException(action + ": the model outputs " + units + " columns and "
                    + loss.name() + " expects labels of shape [" + rows + ", " + width + "]; got "
                    + Arrays.toString(y.shape()) + "." + hint);
        }
        if (NonFinite.any(labels)) {
            throw new IllegalArgumentException(action + ": y contains NaN or infinite values (first at "
                    + NonFinite.firstPosition(labels) + ").");
        }
        INDArray cast = labels.dataType() == model.dataType() ? labels : labels.castTo(model.dataType());
        // a view such as x.getColumn(0).reshape(n, 1) has strides that ND4J's slicing mishandles: copy (labels are small)
        return cast.ordering() == 'c' && !cast.isView() ? cast : cast.dup('c');
    }

    /** One finite, non-negative weight per row as {@code [rows, 1]}, or null. */
    static INDArray sampleWeights(Model model, INDArray weights, long rows, String action) {
        if (weights == null) {
            return null;
        }
        if (weights.length() != rows) {
            throw new IllegalArgumentException(action + ": sampleWeights has " + weights.length() + " values for "
                    + rows + " rows; give one weight per row.");
        }
        INDArray w = weights.reshape(rows, 1).castTo(model.dataType());
        if (NonFinite.any(w) || w.minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException(action + ": sampleWeights must be finite and >= 0");
        }
        return w.dup('c');
    }
}
