package dev.lamina.layers;

/**
 * Keras's {@code keras.Input(shape=(features,))} (an {@code InputLayer} with {@code batch_shape [null, features]}):
 * declares the width of a {@link Sequential}'s input, so that the layers after it are built at once. As in Keras it
 * is not one of the model's layers ({@code model.layers()} and the summary leave it out); it must come first. The
 * model file records the width as {@code batch_input_shape} on the first layer, and loading reads it from either
 * that or Keras's {@code InputLayer}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new InputLayer(10000), new Dense(16, "relu"), new Dense(1, "sigmoid"));
 * // or: model.add(new InputLayer(10000)); model.add(new Dense(16, "relu")); ...
 * }</pre>
 */
public final class InputLayer {

    private final long features;

    /** An input of {@code features} columns per row. */
    public InputLayer(long features) {
        if (features <= 0) {
            throw new IllegalArgumentException("InputLayer expects a positive number of features (the n of Keras's "
                    + "shape=(n,)). Received: features=" + features);
        }
        this.features = features;
    }

    /** The number of columns per row. */
    public long features() {
        return features;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputLayer input && input.features == features;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(features);
    }

    @Override
    public String toString() {
        return "InputLayer[batch_shape=(None, " + features + ")]";
    }
}
