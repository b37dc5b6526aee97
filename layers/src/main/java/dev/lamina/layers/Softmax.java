package dev.lamina.layers;

/**
 * Keras's {@code Softmax(axis=-1)} layer: {@code exp(x - max) / sum(exp(x - max))} over each row (core's
 * {@link dev.lamina.core.activation.Softmax}). Lamina's inputs are {@code [batch, features]}, so the axis is the last
 * one: {@code -1}, or {@code 1}, the same axis; any other is refused. Before a cross-entropy loss, the loss starts
 * from the layer's input (the logits), as it does after {@code Dense(k, "softmax")}.
 *
 * <pre>{@code
 * model.add(new Dense(10, "linear", 100));
 * model.add(new Softmax());
 * }</pre>
 */
public final class Softmax extends ActivationLayer {

    private final int axis;

    /** Softmax over the features (axis -1). */
    public Softmax() {
        this(-1);
    }

    /** Softmax over {@code axis}, which must be -1 or 1 (the features of a 2-D input). */
    public Softmax(int axis) {
        super(new dev.lamina.core.activation.Softmax(-1));
        if (axis != -1 && axis != 1) {
            throw new IllegalArgumentException("Softmax: Lamina's inputs are 2-D [batch, features], so the softmax "
                    + "runs over axis -1 (or 1, the same axis); axis " + axis + " would normalise "
                    + (axis == 0 ? "across the batch" : "an axis the input does not have") + ". Received: axis="
                    + axis + ". Use new Softmax().");
        }
        this.axis = axis;
    }

    /** Names the layer (otherwise {@code softmax}, {@code softmax_1}, ...). */
    public Softmax name(String name) {
        rename(name);
        return this;
    }

    /** The axis as given (-1 or 1). */
    public int axis() {
        return axis;
    }

    @Override
    public String className() {
        return "Softmax";
    }

    @Override
    public String toString() {
        return "Softmax[" + name() + ", axis=" + axis + "]";
    }
}
