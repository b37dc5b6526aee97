package dev.lamina.layers;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.metric.ConfusionMetric;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Metrics;
import dev.lamina.core.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Model#compile} fixed: the optimizer, the loss and the metrics, each a name (checked to exist) or a
 * {@link Metric} object (a template: every fit and evaluation works on a {@link Metric#fresh} copy of it).
 *
 * <pre>{@code
 * Compilation compiled = Compilation.of(new RMSprop(), Losses.get("mse"), "mae", new R2Score());
 * }</pre>
 */
record Compilation(Optimizer optimizer, Loss loss, List<Object> metrics) {

    static Compilation of(Optimizer optimizer, Loss loss, Object... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss (received "
                    + optimizer + ", " + loss + ").");
        }
        List<Object> checked = new ArrayList<>();
        for (Object metric : metrics == null ? new Object[0] : metrics) {
            if (metric instanceof String name) {
                Metrics.check(name);
            } else if (metric instanceof Metric object) {
                object.fresh(); // fails now, not at the first fit, when the metric cannot be copied
                if (object instanceof ConfusionMetric confusion && confusion.perThreshold().length != 1) {
                    throw new IllegalArgumentException("Metric '" + object.name() + "' has "
                            + confusion.perThreshold().length + " thresholds, so one value each, and History holds "
                            + "one number per metric. Compile one metric per threshold, or read perThreshold() on "
                            + "predict's output.");
                }
            } else {
                throw new IllegalArgumentException("compile takes metrics as names (\"accuracy\") or Metric objects "
                        + "(new Precision()). Received: " + (metric == null ? "null" : metric.getClass().getName()
                        + " " + metric) + ".");
            }
            checked.add(metric);
        }
        return new Compilation(optimizer, loss, List.copyOf(checked));
    }

    /** The name each metric logs under: the name given, or the object's {@link Metric#name()}. */
    List<String> metricNames() {
        return metrics.stream().map(m -> m instanceof Metric metric ? metric.name() : (String) m).toList();
    }
}
