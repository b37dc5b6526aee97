package dev.lamina.core.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code F1Score(average=None, threshold=None)}: {@link FBetaScore} with beta 1,
 * {@code 2 p r / (p + r)} ({@code keras/src/metrics/f_score_metrics.py}).
 *
 * <pre>{@code
 * F1Score f1 = new F1Score("macro", null);   // arg-max of each softmax row
 * }</pre>
 */
public final class F1Score extends FBetaScore {

    /** Keras's defaults: no averaging, arg-max instead of a threshold. */
    public F1Score() {
        this("f1_score", null, null);
    }

    public F1Score(String average, Double threshold) {
        this("f1_score", average, threshold);
    }

    public F1Score(String name, String average, Double threshold) {
        super(name, average, 1.0, threshold);
    }

    @Override
    public String className() {
        return "F1Score";
    }

    /** Keras's F1Score config: no {@code beta} (it is 1). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>(super.config());
        config.remove("beta");
        return config;
    }
}
