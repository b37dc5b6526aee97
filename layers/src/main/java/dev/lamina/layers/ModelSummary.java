package dev.lamina.layers;

import java.util.ArrayList;
import java.util.List;

/**
 * The Keras-style summary table of a model: each layer with its output shape and parameter count, then the totals.
 *
 * <pre>{@code
 * System.out.print(ModelSummary.text(model));   // what model.summary() prints
 * }</pre>
 */
final class ModelSummary {

    private static final int LABEL_WIDTH = 28;

    private ModelSummary() {
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces where possible, as Keras's table
     * wraps {@code gaussian_dropout (GaussianDropout)} onto two lines.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                lines.add(rest.substring(0, width));
                rest = rest.substring(width);
            } else {
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        lines.add(rest);
        return lines;
    }

    static String text(String name, List<Layer> layers, long total, long trainable, int bytesPerValue) {
        String rule = "─".repeat(66) + "\n";
        StringBuilder text = new StringBuilder();
        text.append("Model: \"").append(name).append("\"\n");
        text.append("┏").append("━".repeat(64)).append("┓\n");
        text.append(String.format("┃ %-28s ┃ %-16s ┃ %12s ┃%n", "Layer (type)", "Output Shape", "Param #"));
        text.append("┡").append("━".repeat(64)).append("┩\n");
        for (Layer layer : layers) {
            String shape = layer.isBuilt() ? "(None, " + layer.outputSize() + ")" : "?";
            String params = layer.isBuilt() ? String.format("%,d", layer.parameterCount()) : "0 (unbuilt)";
            List<String> label = wrap(layer.name() + " (" + layer.className() + ")", LABEL_WIDTH);
            text.append(String.format("│ %-28s │ %-16s │ %12s │%n", label.get(0), shape, params));
            for (String more : label.subList(1, label.size())) {
                text.append(String.format("│ %-28s │ %-16s │ %12s │%n", more, "", ""));
            }
        }
        text.append("└").append(rule.substring(0, 64)).append("┘\n");
        text.append(String.format(" Total params: %,d (%s)%n", total, bytes(total * bytesPerValue)));
        text.append(String.format(" Trainable params: %,d (%s)%n", trainable, bytes(trainable * bytesPerValue)));
        long frozen = total - trainable;
        text.append(String.format(" Non-trainable params: %,d (%s)%n", frozen, bytes(frozen * bytesPerValue)));
        return text.toString();
    }

    private static String bytes(long bytes) {
        if (bytes < 1024) {
            return String.format("%.2f B", (double) bytes);
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.2f KB", bytes / 1024.0);
        }
        return String.format("%.2f MB", bytes / (1024.0 * 1024.0));
    }
}
