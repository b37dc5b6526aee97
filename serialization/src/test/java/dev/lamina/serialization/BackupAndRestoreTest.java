package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.BackupAndRestore;
import dev.lamina.layers.BatchSource;
import dev.lamina.layers.Callback;
import dev.lamina.layers.DataBatch;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.Sequential;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fit interrupted by a crash and resumed with the same {@link BackupAndRestore} ends with the weights of an
 * uninterrupted fit, bit for bit (shuffling on, fixed seed).
 */
class BackupAndRestoreTest {

    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    private final INDArray x = Nd4j.rand(DataType.FLOAT, 96, 4).subi(0.5);
    private final INDArray y = x.getColumn(0).add(x.getColumn(1)).gt(0).castTo(DataType.FLOAT).reshape(96, 1);

    /** 96 rows in batches of 16: 6 batches per epoch. */
    private FitOptions options() {
        return FitOptions.epochs(EPOCHS).batchSize(16).shuffle(true).seed(7).verbose(0);
    }

    private static Sequential model(long seed, int hidden) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(hidden, "relu", 4));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        return model;
    }

    /** Throws at the start of batch {@code batch} of epoch {@code epoch}, as a crash would. */
    private static Callback crashAt(int epoch, int batch) {
        return new Callback() {
            private int current;

            @Override
            public void onEpochBegin(int e) {
                current = e;
            }

            @Override
            public void onBatchBegin(int b) {
                if (current == epoch && b == batch) {
                    throw new IllegalStateException("crash");
                }
            }
        };
    }

    private static float[] flat(Sequential model) {
        return Nd4j.toFlattened(model.getWeights()).toFloatVector();
    }

    private float[] uninterrupted() {
        Sequential reference = model(1, 8);
        reference.fit(x, y, options());
        return flat(reference);
    }

    @Test
    void aFitResumedAfterACrashAtEpochTwoEndsWithTheWeightsOfAnUninterruptedFit() {
        BackupAndRestore backup = new BackupAndRestore(dir.resolve("backup"));
        Sequential crashed = model(1, 8);
        assertThrows(IllegalStateException.class, () -> crashed.fit(x, y, options().callbacks(backup, crashAt(2, 0))));
        assertTrue(Files.exists(dir.resolve("backup/training_position.properties")));

        Sequential restarted = model(99, 8); // a new process: other initial weights, restored from the backup
        History history = restarted.fit(x, y, options().callbacks(backup));

        assertArrayEquals(uninterrupted(), flat(restarted));
        assertEquals(List.of(2, 3, 4), history.epochs()); // as Keras: the epochs this fit trained
        assertEquals(3, history.get("loss").size());
        assertFalse(Files.exists(dir.resolve("backup")), "the backup is deleted after a successful fit");
    }

    @ParameterizedTest(name = "saveFreq={0}, crash at epoch {1} batch {2}")
    @CsvSource({"4, 2, 5", "6, 2, 2", "1, 1, 3"})
    void aFitResumedAfterACrashMidEpochEndsWithTheWeightsOfAnUninterruptedFit(int saveFreq, int epoch, int batch) {
        BackupAndRestore backup = new BackupAndRestore(dir.resolve("backup"), saveFreq);
        Sequential crashed = model(1, 8);
        assertThrows(IllegalStateException.class,
                () -> crashed.fit(x, y, options().callbacks(backup, crashAt(epoch, batch))));

        Sequential restarted = model(99, 8);
        History history = restarted.fit(x, y, options().callbacks(backup));

        assertArrayEquals(uninterrupted(), flat(restarted));
        assertEquals(epoch, history.epochs().get(0));
        assertFalse(Files.exists(dir.resolve("backup")));
    }

    /** The rows in batches of 16, mixed by a shuffle buffer whose order depends on the epoch. */
    private BatchSource source() {
        return BatchSource.of(batches()).shuffled(40, 3);
    }

    private List<DataBatch> batches() {
        List<DataBatch> batches = new ArrayList<>();
        for (int from = 0; from < 96; from += 16) {
            batches.add(DataBatch.of(x.get(NDArrayIndex.interval(from, from + 16), NDArrayIndex.all()).dup(),
                    y.get(NDArrayIndex.interval(from, from + 16), NDArrayIndex.all()).dup()));
        }
        return batches;
    }

    @Test
    void aFitOnAShuffledSourceResumedMidEpochEndsWithTheWeightsOfAnUninterruptedFit() {
        Sequential reference = model(1, 8);
        reference.fit(source(), options());
        BackupAndRestore backup = new BackupAndRestore(dir.resolve("backup"), 4);
        Sequential crashed = model(1, 8);
        assertThrows(IllegalStateException.class, () -> crashed.fit(source(), options().callbacks(backup,
                crashAt(2, 3))));

        Sequential restarted = model(99, 8);
        History history = restarted.fit(source(), options().callbacks(backup));

        assertArrayEquals(flat(reference), flat(restarted)); // the source's epoch-2 order, its first 2 batches skipped
        assertEquals(2, history.epochs().get(0));
        assertFalse(Files.exists(dir.resolve("backup")));
    }

    @Test
    void aSourceOfUnknownLengthBackedUpAfterAnEpochsLastBatchResumesAtTheNextEpoch() {
        List<DataBatch> batches = batches();
        BatchSource unknownLength = BatchSource.of(() -> batches.iterator()); // not a collection: no batch count
        Sequential reference = model(1, 8);
        reference.fit(unknownLength, options());
        BackupAndRestore backup = new BackupAndRestore(dir.resolve("backup"), 6); // after each epoch's 6th batch
        Sequential crashed = model(1, 8);
        assertThrows(IllegalStateException.class, () -> crashed.fit(unknownLength, options().callbacks(backup,
                crashAt(2, 2))));

        Sequential restarted = model(99, 8);
        History history = restarted.fit(unknownLength, options().callbacks(backup));

        assertArrayEquals(flat(reference), flat(restarted));
        assertEquals(List.of(2, 3, 4), history.epochs());
    }

    @Test
    void aModelFileSavedWithoutItsPositionIsIgnored() throws Exception {
        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir);
        assertThrows(IllegalStateException.class, () -> model(1, 8).fit(x, y, options().callbacks(backup,
                crashAt(2, 0))));
        // a crash after the next model file was written and before the position naming it was
        Files.writeString(backupDir.resolve("model-3.json"), "{\"half\": ");

        Sequential restarted = model(99, 8);
        restarted.fit(x, y, options().callbacks(backup));

        assertArrayEquals(uninterrupted(), flat(restarted));
        assertFalse(Files.exists(backupDir));
    }

    @Test
    void deleteCheckpointFalseKeepsOnlyTheLatestBackup() throws Exception {
        Path backupDir = dir.resolve("backup");
        model(1, 8).fit(x, y, options().callbacks(new BackupAndRestore(backupDir, 1, false)));
        try (Stream<Path> files = Files.list(backupDir)) {
            assertEquals(List.of("model-30.json", "training_position.properties"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        Sequential again = model(99, 8); // resumes after the last epoch: nothing left to train
        assertEquals(List.of(), again.fit(x, y, options().callbacks(new BackupAndRestore(backupDir))).epochs());
        assertArrayEquals(uninterrupted(), flat(again));
    }

    @Test
    void aCorruptBackupIsAnErrorThatNamesTheFileAndSaysToDeleteIt() throws Exception {
        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir);
        assertThrows(IllegalStateException.class, () -> model(1, 8).fit(x, y, options().callbacks(backup,
                crashAt(2, 0))));
        Path modelFile = backupDir.resolve("model-2.json");
        byte[] bytes = Files.readAllBytes(modelFile);
        Files.write(modelFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> model(1, 8).fit(x, y, options().callbacks(backup)));
        assertTrue(e.getMessage().startsWith("BackupAndRestore cannot read its backup file " + modelFile),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("delete " + backupDir + " to train from the start."), e.getMessage());

        Files.writeString(backupDir.resolve("training_position.properties"), "format=1\nmodel=model-2.json\n");
        UncheckedIOException position = assertThrows(UncheckedIOException.class,
                () -> model(1, 8).fit(x, y, options().callbacks(backup)));
        assertTrue(position.getMessage().startsWith("BackupAndRestore cannot read its backup file "
                + backupDir.resolve("training_position.properties")), position.getMessage());
    }

    @Test
    void aBackupOfAnotherArchitectureIsAClearError() {
        Path backupDir = dir.resolve("backup");
        BackupAndRestore backup = new BackupAndRestore(backupDir);
        assertThrows(IllegalStateException.class, () -> model(1, 8).fit(x, y, options().callbacks(backup,
                crashAt(1, 0))));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model(1, 6).fit(x, y, options().callbacks(backup)));
        assertEquals("The backup " + backupDir.resolve("model-1.json") + " was made by a different model: it holds "
                + "[Dense(4 -> 8, relu), Dense(8 -> 1, sigmoid)] in FLOAT with adam, the model being trained is "
                + "[Dense(4 -> 6, relu), Dense(6 -> 1, sigmoid)] in FLOAT with adam. Train the model the backup was "
                + "made for, or delete " + backupDir + " to train this one from the start.", e.getMessage());
    }

    @Test
    void aBackupThatCannotBeWrittenStopsTrainingAndSaysWhere() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("taken"), "a file");
        Sequential model = model(1, 8);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> model.fit(x, y, options().callbacks(new BackupAndRestore(notADirectory, 4))));
        assertTrue(e.getMessage().startsWith("BackupAndRestore could not back up epoch 1, batch 4 to " + notADirectory),
                e.getMessage());
        assertEquals(96, model.predict(x).rows());
    }

    @Test
    void saveFreqMustBeEpochOrAPositiveNumberOfBatches() {
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(dir, "batch", true));
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(dir, 0));
    }
}
