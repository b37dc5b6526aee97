package dev.lamina.layers;

import java.util.Map;

/**
 * Which logged value a callback watches and whether bigger is better (Keras's {@code mode="auto"}: accuracy and AUC
 * improve upwards, everything else downwards).
 */
record Monitor(String name, boolean higherIsBetter, double minDelta) {

    static Monitor auto(String name, double minDelta) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("monitor must name a logged value, e.g. \"val_loss\"");
        }
        boolean higher = name.endsWith("acc") || name.endsWith("accuracy") || name.endsWith("auc")
                || name.endsWith("precision") || name.endsWith("recall");
        return new Monitor(name, higher, Math.abs(minDelta));
    }

    /** The monitored value, or throws naming what is available. */
    double read(Map<String, Double> logs, String who) {
        Double value = logs.get(name);
        if (value == null) {
            throw new IllegalStateException(who + " monitors '" + name + "', which is not logged; available: "
                    + logs.keySet() + ". Validation values need validationSplit or validationData.");
        }
        return value;
    }

    /** Whether {@code current} beats {@code best} by more than minDelta. */
    boolean improves(double current, double best) {
        if (Double.isNaN(current)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? current - minDelta > best : current + minDelta < best;
    }
}
