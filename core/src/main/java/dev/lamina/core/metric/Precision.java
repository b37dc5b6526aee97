package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code precision} at threshold 0.5: {@code TP / (TP + FP)} over every output; 0 when nothing is predicted
 * positive.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "accuracy", "precision", "recall");
 * }</pre>
 */
public final class Precision implements Metric {

    private final ConfusionCounts counts = new ConfusionCounts(0.5);

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public void reset() {
        counts.reset();
    }

    @Override
    public void update(INDArray yPred, INDArray yTrue) {
        counts.update(yPred, yTrue);
    }

    @Override
    public double result() {
        double predictedPositive = counts.truePositives() + counts.falsePositives();
        return predictedPositive == 0 ? 0.0 : counts.truePositives() / predictedPositive;
    }
}
