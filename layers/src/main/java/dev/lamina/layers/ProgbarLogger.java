package dev.lamina.layers;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Keras's {@code ProgbarLogger} and {@code Progbar} ({@code keras/src/callbacks/progbar_logger.py},
 * {@code keras/src/utils/progbar.py}), the callback {@code fit} adds when {@code verbose > 0}; package-private
 * because Keras 3's {@code ProgbarLogger()} takes no arguments: {@code verbose} chooses it.
 *
 * <p>{@code Epoch 1/4} before each epoch (when there is more than one), then with verbose 1 on a terminal a live bar
 * {@code 30/49 ━━━━━━━━━━━━──────── 1s 21ms/step - accuracy: 0.8100 - loss: 0.4500} (the time is the estimate of what
 * is left, and at the end what the epoch took), elsewhere (CI logs) the bar's final state once per epoch; with verbose
 * 2 one line per epoch, {@code 49/49 - 1s - 20ms/step - accuracy: 0.8100 - loss: 0.4500}. Values are printed as
 * Keras does ({@code %.4f}, or {@code %.4e} when at most 1e-3), names in sorted order (Keras sorts the logs), names
 * that first appear at the end of an epoch ({@code val_}, {@code learning_rate}) after those of the batches. The time
 * per step leaves out the first step when verbose is 1, as Keras's estimate.
 *
 * <pre>{@code
 * Callback progress = new ProgbarLogger(System.out, 1, 4, 49, ProgbarLogger.onTerminal());
 * }</pre>
 */
final class ProgbarLogger implements Callback {

    private static final int WIDTH = 20;
    private static final long INTERVAL_NANOS = 50_000_000L; // Keras's interval=0.05
    private final PrintStream out;
    private final int verbose;
    private final boolean live;
    private final int epochs;
    private final int steps;
    private final LongSupplier clock;
    private final Set<String> order = new LinkedHashSet<>();
    private long epochStart;
    private long afterFirstStep;
    private long lastDraw;
    private int stepsDone;
    /** The total shown: the steps, or for a source of unknown length -1 during an epoch and the count at its end. */
    private int target;

    ProgbarLogger(PrintStream out, int verbose, int epochs, int steps, boolean terminal) {
        this(out, verbose, epochs, steps, terminal, System::nanoTime);
    }

    /** As the other constructor, reading the time in nanoseconds from {@code clock} (tests). */
    ProgbarLogger(PrintStream out, int verbose, int epochs, int steps, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.verbose = verbose;
        this.live = verbose == 1 && terminal;
        this.epochs = epochs;
        this.steps = steps;
        this.clock = clock;
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStart = clock.getAsLong();
        afterFirstStep = -1;
        lastDraw = epochStart - INTERVAL_NANOS; // the first batch is drawn at once
        order.clear();
        target = steps;
        if (verbose > 0 && epochs > 1) {
            out.print("Epoch " + (epoch + 1) + "/" + epochs + "\n");
        }
    }

    @Override
    public void onBatchEnd(int step, Map<String, Double> logs) {
        stepsDone = step + 1;
        if (verbose != 1) {
            return;
        }
        long now = clock.getAsLong();
        if (step == 0) {
            afterFirstStep = now;
        }
        order.addAll(new TreeMap<>(logs).keySet());
        if (!live || (steps < 0 || step + 1 < steps) && now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + bar(step + 1, logs, now, false) + "\u001b[K");
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        long now = clock.getAsLong();
        order.addAll(new TreeMap<>(logs).keySet());
        int total = steps < 0 ? stepsDone : steps; // a source of unknown length: the batches it had
        target = total;
        if (verbose == 2) {
            out.print(count(total) + " - " + Math.round((now - epochStart) / 1e9) + "s -"
                    + perStep(total, now) + values(logs) + "\n");
        } else if (live) {
            out.print("\r" + bar(total, logs, now, true) + "\u001b[K\n");
        } else {
            out.print(bar(total, logs, now, true) + "\n");
        }
        out.flush();
    }

    /** Keras's verbose-1 line: count, bar, time left (or taken, at the end), time per step, values. */
    private String bar(int done, Map<String, Double> logs, long now, boolean finished) {
        if (target < 0) { // a source of unknown length: Keras shows the count so far
            return count(done) + " - " + Math.round((now - epochStart) / 1e9) + "s" + perStep(done, now)
                    + values(logs);
        }
        int filled = target == 0 ? WIDTH : (int) ((long) WIDTH * done / target);
        double secondsPerStep = secondsPerStep(done, now);
        long seconds = finished ? Math.round((now - epochStart) / 1e9)
                : (long) (secondsPerStep * (target - done));
        return count(done) + " " + "━".repeat(filled) + "─".repeat(WIDTH - filled) + " " + eta(seconds, finished)
                + perStep(done, now) + values(logs);
    }

    private String count(int done) {
        if (target < 0) {
            return done + "/Unknown";
        }
        String total = String.valueOf(target);
        return " ".repeat(Math.max(0, total.length() - String.valueOf(done).length())) + done + "/" + total;
    }

    private static String eta(long seconds, boolean finished) {
        if (!finished && seconds > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
        if (!finished && seconds > 60) {
            return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }

    /** Keras's estimate: after the first step, the steps since it (verbose 1); else the mean since the start. */
    private double secondsPerStep(int done, long now) {
        if (done == 0) {
            return 0;
        }
        if (afterFirstStep >= 0 && done > 1) {
            return (now - afterFirstStep) / 1e9 / (done - 1);
        }
        return (now - epochStart) / 1e9 / done;
    }

    private String perStep(int done, long now) {
        double seconds = secondsPerStep(done, now);
        if (seconds >= 1 || seconds == 0) {
            return String.format(Locale.ROOT, " %.0fs/step", seconds);
        }
        return seconds >= 1e-3 ? String.format(Locale.ROOT, " %.0fms/step", seconds * 1e3)
                : String.format(Locale.ROOT, " %.0fus/step", seconds * 1e6);
    }

    private String values(Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        for (String name : order) {
            Double value = logs.get(name);
            if (value != null) {
                text.append(" - ").append(name).append(": ").append(number(value));
            }
        }
        return text.toString();
    }

    /** Python's {@code f"{v:.4f}"} above 1e-3 in magnitude, else {@code f"{v:.4e}"}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, Math.abs(value) > 1e-3 ? "%.4f" : "%.4e", value);
    }
}
