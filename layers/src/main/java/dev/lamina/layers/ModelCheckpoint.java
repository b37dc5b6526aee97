package dev.lamina.layers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's {@code ModelCheckpoint(filepath, monitor="val_loss", save_best_only=False)}: saves the model (atomically,
 * so a failed write leaves the previous checkpoint intact) after each epoch, or only when the monitored value
 * improves. A failed save stops training with an {@link UncheckedIOException} naming the file; the model in memory
 * stays usable.
 *
 * <pre>{@code
 * new ModelCheckpoint(Path.of("best.json"), "val_accuracy", true);
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {

    /** Writes a checkpoint; the default is {@code model.save(path)} (atomic, via lamina-serialization). */
    @FunctionalInterface
    public interface Writer {
        void write(Sequential model, Path path) throws IOException;
    }

    private final Path path;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private final Writer writer;
    private Sequential model;
    private double best;

    /** Saves after every epoch. */
    public ModelCheckpoint(Path path) {
        this(path, "val_loss", false);
    }

    public ModelCheckpoint(Path path, String monitor, boolean saveBestOnly) {
        this(path, monitor, saveBestOnly, Sequential::save);
    }

    /** Saves with {@code writer} instead of {@code model.save(path)} (e.g. to keep several versions). */
    public ModelCheckpoint(Path path, String monitor, boolean saveBestOnly, Writer writer) {
        if (path == null || writer == null) {
            throw new IllegalArgumentException("ModelCheckpoint needs a file path and a writer");
        }
        this.path = path;
        this.monitor = Monitor.auto(monitor, 0.0);
        this.saveBestOnly = saveBestOnly;
        this.writer = writer;
    }

    @Override
    public void onTrainBegin(Model model) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("ModelCheckpoint saves Sequential models; got " + model.getClass()
                    .getSimpleName() + ". Pass a Writer that saves this kind of model.");
        }
        this.model = sequential;
        best = Double.NaN;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            double current = monitor.read(logs, "ModelCheckpoint");
            if (!monitor.improves(current, best)) {
                return;
            }
            best = current;
        }
        try {
            writer.write(model, path);
        } catch (IOException | RuntimeException e) {
            model.stopTraining();
            throw new UncheckedIOException("ModelCheckpoint could not save epoch " + (epoch + 1) + " to " + path
                    + " (" + e.getMessage() + "); training stopped. The model in memory is intact and the previous "
                    + "checkpoint file, if any, is unchanged.",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
