package dev.lamina.layers;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras's {@code ProgbarLogger}, the callback {@code fit} adds when {@code verbose > 0}. On a terminal with verbose
 * 1: {@code Epoch 1/4}, then a live bar {@code 30/49 ━━━━━━━━━━━━──────── 1s 21ms/step - accuracy: 0.81 - loss: 0.45};
 * elsewhere (CI logs) and with verbose 2: one line per epoch.
 *
 * <pre>{@code
 * Callback progress = new ProgbarLogger(System.out, 1, 4, 49, ProgbarLogger.onTerminal());
 * }</pre>
 */
final class ProgbarLogger implements Callback {

    private static final int WIDTH = 20;
    private final PrintStream out;
    private final int verbose;
    private final boolean live;
    private final int epochs;
    private final int steps;
    private long epochStart;
    private long lastDraw;

    ProgbarLogger(PrintStream out, int verbose, int epochs, int steps, boolean terminal) {
        this.out = out;
        this.verbose = verbose;
        this.live = verbose == 1 && terminal;
        this.epochs = epochs;
        this.steps = steps;
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epochStart = System.nanoTime();
        this.lastDraw = 0;
        if (verbose > 0) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onBatchEnd(int step, Map<String, Double> logs) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (step + 1 < steps && now - lastDraw < 50_000_000L) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(step + 1, logs) + "\u001b[K");
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        if (live) {
            out.print("\r" + line(steps, logs) + "\u001b[K\n");
        } else {
            out.println(line(steps, logs));
        }
        out.flush();
    }

    private String line(int done, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        StringBuilder text = new StringBuilder();
        String count = String.valueOf(steps);
        text.append(" ".repeat(Math.max(0, count.length() - String.valueOf(done).length())))
                .append(done).append('/').append(count).append(' ');
        int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * done / steps);
        text.append("━".repeat(filled)).append("─".repeat(WIDTH - filled)).append(' ');
        text.append(Math.round(elapsed)).append("s ");
        double perStep = done == 0 ? 0 : elapsed / done;
        text.append(perStep >= 1 ? String.format("%.0fs/step", perStep)
                : perStep >= 1e-3 ? String.format("%.0fms/step", perStep * 1e3)
                : String.format("%.0fus/step", perStep * 1e6));
        for (Map.Entry<String, Double> entry : new TreeMap<>(logs).entrySet()) {
            text.append(" - ").append(entry.getKey()).append(": ").append(String.format("%.4f", entry.getValue()));
        }
        return text.toString();
    }
}
