package dev.lamina.layers;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code EarlyStopping(monitor="val_loss", min_delta=0, patience=0, restore_best_weights=False)}: stops
 * training once the monitored value has not improved by more than {@code minDelta} for {@code patience} epochs, and
 * optionally restores the weights of the best epoch.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(100).validationSplit(0.2)
 *         .callbacks(new EarlyStopping("val_loss", 0.0, 3, true)));
 * }</pre>
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private Model model;
    private int wait;
    private double best;
    private int bestEpoch;
    private int stoppedEpoch;
    private List<INDArray> bestWeights;

    /** Watches {@code val_loss} with patience 0. */
    public EarlyStopping() {
        this("val_loss", 0.0, 0, false);
    }

    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0. Received: " + patience);
        }
        this.monitor = Monitor.auto(monitor, minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(Model model) {
        this.model = model;
        wait = 0;
        best = Double.NaN;
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double current = monitor.read(logs, "EarlyStopping");
        wait++;
        if (monitor.improves(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model.getWeights();
            }
            wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.stopTraining();
            if (restoreBestWeights && bestWeights != null) {
                model.setWeights(bestWeights);
            }
        }
    }

    /** The epoch where training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
