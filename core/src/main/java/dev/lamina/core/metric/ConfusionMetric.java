package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric computed from true/false positive/negative counts accumulated over batches ({@link Precision},
 * {@link Recall}), with Keras's {@code thresholds} (default 0.5), {@code top_k} and {@code class_id}; see
 * {@link ConfusionCounts} for how each is counted.
 *
 * <pre>{@code
 * Metric recall = new Recall();   // a ConfusionMetric
 * }</pre>
 */
public abstract class ConfusionMetric implements Metric {

    private final String name;
    private final ConfusionCounts counts;
    private final double[] thresholds;
    private final Integer topK;
    private final Integer classId;

    protected ConfusionMetric(String name) {
        this(name, null, null, null);
    }

    /**
     * @param thresholds values in [0, 1], one result each; null for 0.5 (or, with {@code topK}, for every top-k value)
     * @param topK       count only each row's k largest predictions, or null
     * @param classId    count only this output column, or null
     */
    protected ConfusionMetric(String name, double[] thresholds, Integer topK, Integer classId) {
        this.name = name;
        this.counts = new ConfusionCounts(name, thresholds, topK, classId);
        this.thresholds = thresholds == null ? null : thresholds.clone();
        this.topK = topK;
        this.classId = classId;
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
    public final void update(INDArray yPred, INDArray yTrue, INDArray sampleWeights) {
        counts.update(name, yPred, yTrue, sampleWeights);
    }

    /** One value per threshold, in the order given. */
    public final double[] perThreshold() {
        double[] values = new double[counts.size()];
        for (int t = 0; t < values.length; t++) {
            values[t] = result(counts.truePositives(t), counts.falsePositives(t), counts.falseNegatives(t));
        }
        return values;
    }

    /** The value at the only threshold; an error with several (read them with {@link #perThreshold}). */
    @Override
    public final double result() {
        if (counts.size() != 1) {
            throw new IllegalStateException(name + " has " + counts.size() + " thresholds, so one value each. Read "
                    + "them with perThreshold().");
        }
        return perThreshold()[0];
    }

    /** The metric from the accumulated counts. */
    protected abstract double result(double truePositives, double falsePositives, double falseNegatives);

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("thresholds", MetricConfig.list(thresholds));
        config.put("top_k", topK);
        config.put("class_id", classId);
        return config;
    }
}
