package dev.lamina.layers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras's {@code CSVLogger}: one row per epoch, {@code epoch} then every log value with the columns sorted by name,
 * as {@code keras/src/callbacks/csv_logger.py} writes them; the header comes with the first row, and an appending
 * logger writes none to a file that already has content. Each row is flushed as it is written.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).callbacks(new CSVLogger(Path.of("training.csv"))));
 * // epoch,accuracy,loss,val_accuracy,val_loss
 * // 0,0.71,0.59,0.80,0.47
 * }</pre>
 */
public final class CSVLogger implements Callback {

    private final Path file;
    private final String separator;
    private final boolean append;
    private BufferedWriter writer;
    private List<String> keys;
    private boolean headerWritten;

    /** Overwrites {@code file}, comma-separated (Keras's defaults). */
    public CSVLogger(Path file) {
        this(file, ",", false);
    }

    public CSVLogger(Path file, String separator, boolean append) {
        if (file == null || separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("CSVLogger needs a file and a non-empty separator");
        }
        this.file = file;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Model model) {
        keys = null;
        try {
            headerWritten = append && Files.isRegularFile(file) && Files.size(file) > 0;
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> sorted = new TreeMap<>(logs);
        try {
            if (keys == null) {
                keys = new ArrayList<>(sorted.keySet());
            }
            if (!headerWritten) {
                writer.write("epoch" + separator + String.join(separator, keys));
                writer.newLine();
                headerWritten = true;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String key : keys) {
                Double value = sorted.get(key);
                row.add(value == null ? "NA" : value.toString());
            }
            writer.write(String.join(separator, row));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot close " + file.toAbsolutePath(), e);
        } finally {
            writer = null;
        }
    }
}
