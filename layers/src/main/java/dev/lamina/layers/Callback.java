package dev.lamina.layers;

import java.util.Map;

/**
 * Hooks into {@link Model#fit}, like a Keras callback; every method does nothing by default. Epochs and
 * batches are numbered from 0. {@code logs} holds the values so far ({@code loss}, metrics, and at epoch end the
 * {@code val_} entries).
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).callbacks(new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) { System.out.println(logs.get("loss")); }
 * }));
 * }</pre>
 */
public interface Callback {

    default void onTrainBegin(Model model) {
    }

    default void onTrainEnd(Model model, History history) {
    }

    default void onEpochBegin(int epoch) {
    }

    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    default void onBatchBegin(int batch) {
    }

    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }
}
