package dev.lamina.core.loss;

import dev.lamina.core.activation.ActivationFunction;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code sparse_categorical_crossentropy}: categorical cross-entropy with integer class labels of shape
 * {@code [n, 1]} (or {@code [n]}) instead of one-hot rows.
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");   // y holds 0, 1, 2, ...
 * }</pre>
 *
 * @param fromLogits whether predictions are logits (default false)
 */
public record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {

    /** Cross-entropy on probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("from_logits", fromLogits ? 1.0 : 0.0);
    }

    private CategoricalCrossentropy dense() {
        return new CategoricalCrossentropy(fromLogits);
    }

    /** Turns integer labels into one-hot rows of width {@code classes}, checking that each is a valid index. */
    public static INDArray oneHot(INDArray labels, long classes) {
        long n = labels.size(0);
        if (labels.length() != n) {
            throw new IllegalArgumentException("sparse_categorical_crossentropy expects one integer label per row "
                    + "(shape [n] or [n, 1]). Received labels of shape " + java.util.Arrays.toString(labels.shape()));
        }
        float[] flat = new float[Math.toIntExact(n * classes)];
        double[] values = labels.reshape(n).toDoubleVector();
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("Label " + v + " in row " + i + " is not a class index in [0, "
                        + (classes - 1) + "]; the output layer has " + classes + " units.");
            }
            flat[Math.toIntExact(i * classes + (long) v)] = 1f;
        }
        return Nd4j.create(flat, new long[] {n, classes}, 'c');
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        return dense().perSample(yPred, oneHot(yTrue, yPred.size(1)).castTo(yPred.dataType()));
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        return dense().gradient(yPred, oneHot(yTrue, yPred.size(1)).castTo(yPred.dataType()));
    }

    @Override
    public boolean fusesWith(ActivationFunction outputActivation) {
        return dense().fusesWith(outputActivation);
    }

    @Override
    public INDArray perSampleFromLogits(INDArray logits, INDArray yTrue) {
        return dense().perSampleFromLogits(logits, oneHot(yTrue, logits.size(1)).castTo(logits.dataType()));
    }

    @Override
    public INDArray gradientFromLogits(INDArray logits, INDArray yTrue) {
        return dense().gradientFromLogits(logits, oneHot(yTrue, logits.size(1)).castTo(logits.dataType()));
    }

    @Override
    public long labelWidth(long outputUnits) {
        return 1;
    }
}
