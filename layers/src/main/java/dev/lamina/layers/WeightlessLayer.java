package dev.lamina.layers;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer without weights that keeps the width of its input ({@link Activation}, {@link Dropout}, the activation
 * layers such as {@link LeakyReLU}, the noise layers such as {@link GaussianNoise}, {@link Flatten}).
 *
 * <pre>{@code
 * model.add(new Dropout(0.5));   // a WeightlessLayer
 * }</pre>
 */
public abstract class WeightlessLayer extends Layer {

    protected WeightlessLayer() {
        super(null);
    }

    @Override
    public final long outputSize() {
        return inputSize();
    }

    @Override
    protected void createWeights(long inputSize, Random random, DataType dataType) {
        // no weights
    }

    @Override
    public final List<INDArray> weights() {
        return List.of();
    }

    @Override
    public final List<String> weightNames() {
        return List.of();
    }

    @Override
    final boolean computesInFloat() {
        return true;
    }

    @Override
    final void preActivationInJava(float[] x, int xFrom, int rows, float[] z, InferenceScratch scratch) {
        System.arraycopy(x, xFrom, z, 0, rows * (int) inputSize());
    }

    @Override
    final void bind(List<INDArray> views, List<INDArray> gradients, ModelWeights owner, int offset) {
        // no weights
    }

    /** Names the layer before it is added to a model. */
    void rename(String name) {
        if (isBuilt()) {
            throw new IllegalStateException(className() + " '" + name() + "' is already built; name it before adding "
                    + "it.");
        }
        assignName(name);
    }
}
