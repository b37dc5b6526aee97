package dev.lamina.layers;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.metric.Metrics;
import dev.lamina.core.optimizer.Optimizer;
import java.util.List;

/**
 * What {@link Model#compile} fixed: the optimizer, the loss and the metric names (each checked to exist).
 *
 * <pre>{@code
 * Compilation compiled = Compilation.of(new RMSprop(), Losses.get("mse"), "mae");
 * }</pre>
 */
record Compilation(Optimizer optimizer, Loss loss, List<String> metricNames) {

    static Compilation of(Optimizer optimizer, Loss loss, String... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss (received "
                    + optimizer + ", " + loss + ").");
        }
        List<String> names = metrics == null ? List.of() : List.of(metrics);
        names.forEach(Metrics::check);
        return new Compilation(optimizer, loss, names);
    }
}
