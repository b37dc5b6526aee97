package dev.lamina.core.metric;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric computed from true/false positive/negative counts at threshold 0.5, accumulated over batches
 * ({@link Precision}, {@link Recall}).
 *
 * <pre>{@code
 * Metric recall = new Recall();   // a ConfusionMetric
 * }</pre>
 */
public abstract class ConfusionMetric implements Metric {

    private final String name;
    private final ConfusionCounts counts = new ConfusionCounts(0.5);

    protected ConfusionMetric(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        counts.reset();
    }

    @Override
    public final void update(INDArray yPred, INDArray yTrue) {
        counts.update(yPred, yTrue);
    }

    @Override
    public final double result() {
        return result(counts.truePositives(), counts.falsePositives(), counts.falseNegatives());
    }

    /** The metric from the accumulated counts. */
    protected abstract double result(double truePositives, double falsePositives, double falseNegatives);
}
