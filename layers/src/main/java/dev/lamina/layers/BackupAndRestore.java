package dev.lamina.layers;

import dev.lamina.core.optimizer.Optimizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;

/**
 * Keras's {@code BackupAndRestore(backup_dir, save_freq="epoch", delete_checkpoint=True)}: backs up the training
 * state (weights, optimizer state, epoch, batch and shuffling seed) in {@code backupDir} after every epoch or every
 * {@code saveFreq} batches, and when a later {@code fit} with this callback finds a backup there, restores it and
 * resumes where the backup was made. The backup is deleted when {@code fit} ends without an exception (unless
 * {@code deleteCheckpoint} is false).
 *
 * <p>The resumed run trains the same batches in the same order as an uninterrupted one, so with the same data,
 * options and seed its weights are bit-identical (for models without {@link Dropout} or the noise layers
 * ({@link GaussianNoise}, {@link GaussianDropout}, {@link AlphaDropout}), whose random draws are not part of the
 * backup). A batch-level backup resumes at the next batch of its epoch, as tf.keras 2 did
 * ({@code worker_training_state.maybe_load_initial_counters_from_ckpt}); Keras 3 writes the batch to
 * {@code training_metadata.json} but resumes at the start of the epoch. The {@link History} of a resumed {@code fit}
 * holds the epochs it trained (for a resumed partial epoch, the loss over its remaining batches).
 *
 * <p>Each backup is written atomically: the model file ({@code model-<n>.json}, through {@code Sequential.save}, so
 * {@code lamina-serialization} must be on the class path) and then {@code training_position.properties}, which names
 * it; a crash at any point leaves the previous backup intact. {@code backupDir} belongs to this callback: do not
 * share it with another run or another callback.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(20).seed(7).callbacks(new BackupAndRestore(Path.of("/tmp/backup"))));
 * new BackupAndRestore(Path.of("/tmp/backup"), 100, true);   // every 100 batches
 * }</pre>
 */
public final class BackupAndRestore implements Callback {

    static final String POSITION = "training_position.properties";
    private static final int FORMAT = 1;

    private final Path backupDir;
    private final int saveFreq; // 0: every epoch
    private final boolean deleteCheckpoint;
    private Sequential model;
    private int epoch;
    private int batchesSinceSave;
    private long generation;

    /** Backs up at the end of every epoch and deletes the backup when {@code fit} ends. */
    public BackupAndRestore(Path backupDir) {
        this(backupDir, "epoch", true);
    }

    /** Backs up every {@code saveFreq} batches and deletes the backup when {@code fit} ends. */
    public BackupAndRestore(Path backupDir, int saveFreq) {
        this(backupDir, saveFreq, true);
    }

    /** {@code saveFreq} must be {@code "epoch"}; {@code deleteCheckpoint} false keeps the backup after {@code fit}. */
    public BackupAndRestore(Path backupDir, String saveFreq, boolean deleteCheckpoint) {
        this(backupDir, 0, deleteCheckpoint, saveFreq);
    }

    /** Backs up every {@code saveFreq} batches; {@code deleteCheckpoint} false keeps the backup after {@code fit}. */
    public BackupAndRestore(Path backupDir, int saveFreq, boolean deleteCheckpoint) {
        this(backupDir, saveFreq, deleteCheckpoint, null);
        if (saveFreq <= 0) {
            throw new IllegalArgumentException("Invalid value for argument saveFreq. Received: saveFreq=" + saveFreq
                    + ". Expected either \"epoch\" or a positive number of batches.");
        }
    }

    private BackupAndRestore(Path backupDir, int saveFreq, boolean deleteCheckpoint, String freqName) {
        if (backupDir == null) {
            throw new IllegalArgumentException("BackupAndRestore needs a backup directory");
        }
        if (saveFreq == 0 && !"epoch".equals(freqName)) {
            throw new IllegalArgumentException("Invalid value for argument saveFreq. Received: saveFreq=" + freqName
                    + ". Expected either \"epoch\" or a positive number of batches.");
        }
        this.backupDir = backupDir;
        this.saveFreq = saveFreq;
        this.deleteCheckpoint = deleteCheckpoint;
    }

    @Override
    public void onTrainBegin(Model model) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("BackupAndRestore backs up Sequential models; got "
                    + model.getClass().getSimpleName() + ".");
        }
        this.model = sequential;
        batchesSinceSave = 0;
        generation = 0;
        Path positionFile = backupDir.resolve(POSITION);
        if (!Files.exists(positionFile)) {
            return;
        }
        Properties position = readPosition(positionFile);
        Path modelFile = backupDir.resolve(text(position, "model", positionFile));
        TrainingPosition resume = new TrainingPosition(number(position, "epoch", positionFile),
                number(position, "batch", positionFile), seed(position, positionFile));
        Sequential saved;
        try {
            saved = Sequential.load(modelFile);
        } catch (IOException e) {
            throw corrupt(modelFile, e);
        }
        requireSameModel(saved, sequential, modelFile);
        sequential.setWeights(saved.getWeights());
        Optimizer optimizer = sequential.optimizer();
        Optimizer savedOptimizer = saved.optimizer();
        if (savedOptimizer != null) {
            optimizer.restoreState(savedOptimizer.state(), savedOptimizer.iterations());
            if (optimizer.learningRateSchedule() == null) {
                optimizer.setLearningRate(savedOptimizer.learningRate()); // as ReduceLROnPlateau left it
            }
        }
        generation = Long.parseLong(modelFile.getFileName().toString().replaceAll("\\D", ""));
        sequential.resumeAt(resume);
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq > 0 && ++batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save(epoch, batch + 1); // after an epoch's last batch, fit resumes at the next epoch
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            save(epoch + 1, 0);
        }
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        if (deleteCheckpoint) {
            try {
                delete(true);
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore could not delete its backup in " + backupDir + " ("
                        + e.getMessage() + "); training is complete, delete the directory yourself.", e);
            }
        }
    }

    private void save(int nextEpoch, int nextBatch) {
        Path modelFile = backupDir.resolve("model-" + (++generation) + ".json");
        try {
            Files.createDirectories(backupDir);
            model.save(modelFile);
            Properties position = new Properties();
            position.setProperty("format", String.valueOf(FORMAT));
            position.setProperty("model", modelFile.getFileName().toString());
            position.setProperty("epoch", String.valueOf(nextEpoch));
            position.setProperty("batch", String.valueOf(nextBatch));
            position.setProperty("shuffle_seed", String.valueOf(model.shuffleSeed()));
            writeAtomically(backupDir.resolve(POSITION), position);
        } catch (IOException e) {
            model.stopTraining();
            throw new UncheckedIOException("BackupAndRestore could not back up epoch " + (epoch + 1)
                    + (saveFreq > 0 ? ", batch " + nextBatch : "") + " to " + backupDir + " (" + e.getMessage()
                    + "); training stopped. The previous backup, if any, is intact.", e);
        }
        try {
            delete(false);
        } catch (IOException e) {
            // the backup is written; removing the previous one is a courtesy the next save repeats
        }
    }

    /** Deletes this callback's files in the backup directory: all of them, or the outdated ones only. */
    private void delete(boolean all) throws IOException {
        if (!Files.isDirectory(backupDir)) {
            return;
        }
        String current = "model-" + generation + ".json";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(backupDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean modelFile = name.matches("model-\\d+\\.json");
                boolean outdated = modelFile && !name.equals(current) // a crash's leftovers, or the previous backup
                        || name.matches("\\.(model-\\d+\\.json|" + POSITION.replace(".", "\\.") + ")\\..*\\.tmp");
                if (outdated || all && (modelFile || name.equals(POSITION))) {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (all) {
            try (DirectoryStream<Path> rest = Files.newDirectoryStream(backupDir)) {
                if (!rest.iterator().hasNext()) {
                    Files.delete(backupDir);
                }
            }
        }
    }

    /** The backup must come from a model of the same layers, data type and optimizer. */
    private void requireSameModel(Sequential saved, Sequential model, Path file) {
        String expected = describe(model);
        String found = describe(saved);
        if (!expected.equals(found)) {
            throw new IllegalStateException("The backup " + file + " was made by a different model: it holds "
                    + found + ", the model being trained is " + expected + ". Train the model the backup was made "
                    + "for, or delete " + backupDir + " to train this one from the start.");
        }
    }

    private static String describe(Sequential model) {
        StringBuilder text = new StringBuilder("[");
        for (Layer layer : model.layers()) {
            text.append(text.length() > 1 ? ", " : "").append(layer.className()).append('(').append(layer.inputSize())
                    .append(" -> ").append(layer.outputSize());
            if (layer.activation() != null) {
                text.append(", ").append(layer.activation().name());
            }
            text.append(')');
        }
        return text.append("] in ").append(model.dataType()).append(" with ")
                .append(model.optimizer() == null ? "no optimizer" : model.optimizer().name()).toString();
    }

    private static void writeAtomically(Path target, Properties properties) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            properties.store(out, "BackupAndRestore: where the interrupted fit resumes");
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Properties readPosition(Path file) {
        Properties position = new Properties();
        try {
            position.load(new java.io.StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, e);
        }
        if (!String.valueOf(FORMAT).equals(position.getProperty("format"))) {
            throw corrupt(file, new IOException("format " + position.getProperty("format") + ", expected " + FORMAT));
        }
        return position;
    }

    private String text(Properties position, String key, Path file) {
        String value = position.getProperty(key);
        if (value == null || !value.matches("model-\\d{1,18}\\.json")) {
            throw corrupt(file, new IOException(key + "=" + value + " is not a backup model file name"));
        }
        return value;
    }

    private int number(Properties position, String key, Path file) {
        try {
            int value = Integer.parseInt(String.valueOf(position.getProperty(key)));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw corrupt(file, new IOException(key + "=" + position.getProperty(key) + " is not a count"));
    }

    private long seed(Properties position, Path file) {
        try {
            return Long.parseLong(String.valueOf(position.getProperty("shuffle_seed")));
        } catch (NumberFormatException e) {
            throw corrupt(file, new IOException("shuffle_seed=" + position.getProperty("shuffle_seed")
                    + " is not a number"));
        }
    }

    private UncheckedIOException corrupt(Path file, Exception cause) {
        return new UncheckedIOException("BackupAndRestore cannot read its backup file " + file + " ("
                + cause.getMessage() + "). The backup is damaged or was not written by BackupAndRestore; delete "
                + backupDir + " to train from the start.",
                cause instanceof IOException io ? io : new IOException(cause));
    }

    @Override
    public String toString() {
        return "BackupAndRestore[" + backupDir + ", saveFreq=" + (saveFreq == 0 ? "epoch" : saveFreq)
                + ", deleteCheckpoint=" + deleteCheckpoint + "]";
    }
}
