package dev.lamina.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Model#fit} returns: per-epoch loss and metrics, training and validation ({@code val_} prefix),
 * like Keras's {@code History.history}.
 *
 * <pre>{@code
 * History history = model.fit(x, y, FitOptions.epochs(4).validationSplit(0.4));
 * List<Double> valLoss = history.get("val_loss");
 * }</pre>
 */
public final class History {

    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /**
     * Appends one epoch's logs, as {@code fit} does after each epoch; public for trainers outside this package
     * (lamina-spark's {@code SparkTrainer} builds its History on the driver).
     */
    public void record(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> entry : logs.entrySet()) {
            values.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
        }
    }

    /** The epochs that ran, numbered from 0 (or from the initial epoch). */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Every series by name ({@code loss}, {@code accuracy}, {@code val_loss}, ...). */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** One series by name. */
    public List<Double> get(String name) {
        List<Double> series = values.get(name);
        if (series == null) {
            throw new IllegalArgumentException("No series '" + name + "' in this history; it has " + values.keySet());
        }
        return List.copyOf(series);
    }

    /** The last value of a series. */
    public double last(String name) {
        List<Double> series = get(name);
        return series.get(series.size() - 1);
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
