package dev.lamina.core.metric;

/**
 * A metric that is a count of hits over a count of trials accumulated across batches (the accuracies, Keras's
 * {@code MeanMetricWrapper} over a 0/1 value per sample): subclasses say how a batch adds to both. With sample
 * weights a row's hits and trials are multiplied by its weight, so the result is Keras's weighted mean
 * {@code sum(w * value) / sum(w)}.
 *
 * <pre>{@code
 * class MyAccuracy extends CountingMetric { ... add(hits, trials) ... }
 * }</pre>
 */
public abstract class CountingMetric implements Metric {

    private final String name;
    private double hits;
    private double trials;

    protected CountingMetric(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void reset() {
        hits = 0;
        trials = 0;
    }

    /** Adds a batch's hits and trials. */
    protected final void add(double batchHits, double batchTrials) {
        hits += batchHits;
        trials += batchTrials;
    }

    /** Adds a batch of per-row hits (each row {@code rowTrials} trials), row {@code i} weighted by {@code weights[i]}. */
    protected final void addWeighted(double[] rowHits, double rowTrials, double[] weights) {
        for (int i = 0; i < rowHits.length; i++) {
            double w = Rows.weight(weights, i);
            hits += w * rowHits[i];
            trials += w * rowTrials;
        }
    }

    /** The (weighted) fraction of hits; NaN before any update or while every weight was 0. */
    @Override
    public final double result() {
        return trials == 0 ? Double.NaN : hits / trials;
    }
}
