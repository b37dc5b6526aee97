package dev.lamina.layers;

import dev.lamina.core.activation.ActivationFunction;
import dev.lamina.core.activation.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Flatten(data_format=None)}: reshapes each sample to one row. Lamina's inputs are already
 * {@code [batch, features]}, so it is the identity, in training and at inference, whichever {@code data_format}
 * ({@code channels_last}, Keras's default, or {@code channels_first}) it is given; it is there so that Keras models
 * that contain it load and save.
 *
 * <pre>{@code
 * model.add(new Flatten());
 * model.add(new Dense(10, "softmax"));
 * }</pre>
 */
public final class Flatten extends WeightlessLayer {

    private static final ActivationFunction IDENTITY = new Linear();
    private final String dataFormat;

    /** {@code data_format = "channels_last"}. */
    public Flatten() {
        this("channels_last");
    }

    /** {@code "channels_last"} or {@code "channels_first"}. */
    public Flatten(String dataFormat) {
        if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
            throw new IllegalArgumentException("Flatten expects data_format \"channels_last\" or \"channels_first\". "
                    + "Received: data_format=" + dataFormat);
        }
        this.dataFormat = dataFormat;
    }

    /** Names the layer (otherwise {@code flatten}, {@code flatten_1}, ...). */
    public Flatten name(String name) {
        rename(name);
        return this;
    }

    public String dataFormat() {
        return dataFormat;
    }

    @Override
    public String className() {
        return "Flatten";
    }

    @Override
    public ActivationFunction activation() {
        return IDENTITY;
    }

    @Override
    Batch preActivation(Batch input, boolean training) {
        if (input.columns() != inputSize()) {
            throw widthError(input);
        }
        return training ? input : input.copy();
    }

    @Override
    INDArray backward(INDArray gradPreActivation, boolean needInputGradient) {
        return gradPreActivation;
    }

    @Override
    public String toString() {
        return "Flatten[" + name() + ", data_format=" + dataFormat + "]";
    }
}
