package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code recall} at threshold 0.5: {@code TP / (TP + FN)} over every output; 0 when there are no positives.
 *
 * <pre>{@code
 * model.compile("rmsprop", "binary_crossentropy", "recall");
 * }</pre>
 */
public final class Recall implements Metric {

    private final ConfusionCounts counts = new ConfusionCounts(0.5);

    @Override
    public String name() {
        return "recall";
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
        double positives = counts.truePositives() + counts.falseNegatives();
        return positives == 0 ? 0.0 : counts.truePositives() / positives;
    }
}
