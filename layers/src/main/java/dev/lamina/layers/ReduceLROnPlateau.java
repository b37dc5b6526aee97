package dev.lamina.layers;

import java.util.Map;

/**
 * Keras's {@code ReduceLROnPlateau(monitor="val_loss", factor=0.1, patience=10, min_delta=1e-4, cooldown=0,
 * min_lr=0)}: multiplies the learning rate by {@code factor} when the monitored value has not improved for
 * {@code patience} epochs, then waits {@code cooldown} epochs.
 *
 * <pre>{@code
 * new ReduceLROnPlateau("val_loss", 0.5, 2, 1e-4, 0, 1e-5);
 * }</pre>
 */
public final class ReduceLROnPlateau implements Callback {

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;
    private Model model;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** Keras's defaults on {@code val_loss}. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1, 10, 1e-4, 0, 0.0);
    }

    public ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown,
                             double minLr) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1). Received: " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(minLr >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: patience, cooldown and min_lr must be >= 0");
        }
        this.monitor = Monitor.auto(monitor, minDelta);
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
    }

    @Override
    public void onTrainBegin(Model model) {
        this.model = model;
        best = Double.NaN;
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double current = monitor.read(logs, "ReduceLROnPlateau");
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improves(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                double lr = model.optimizer().learningRate();
                if (lr > minLr) {
                    model.optimizer().setLearningRate(Math.max(lr * factor, minLr));
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
