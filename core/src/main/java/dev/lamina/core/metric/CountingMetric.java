package dev.lamina.core.metric;

/**
 * A metric that is a count of hits over a count of trials accumulated across batches (the accuracies): subclasses
 * say how a batch adds to both.
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

    @Override
    public final double result() {
        return trials == 0 ? Double.NaN : hits / trials;
    }
}
