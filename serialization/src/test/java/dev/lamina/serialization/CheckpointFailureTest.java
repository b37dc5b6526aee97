package dev.lamina.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.ModelCheckpoint;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A checkpoint write that fails halfway (a full disk) stops training cleanly and keeps the last good file. */
class CheckpointFailureTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointThatFailsHalfwayStopsTrainingAndKeepsTheLastGoodCheckpoint() throws Exception {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4);
        INDArray y = x.getColumn(0).gt(0.5).castTo(DataType.FLOAT).reshape(64, 1);
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(4, "relu", 4));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        Path checkpoint = dir.resolve("checkpoint.json");
        int[] saves = {0};
        ModelCheckpoint.Writer diskFillsUpOnTheSecondSave = (m, path) -> {
            if (saves[0]++ == 0) {
                ModelJson.save(m, path);
                return;
            }
            byte[] json = ModelJson.toJson(m).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(path, out -> {
                out.write(json, 0, json.length / 2);
                throw new IOException("No space left on device");
            });
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> model.fit(x, y,
                FitOptions.epochs(5).batchSize(16).verbose(0)
                        .callbacks(new ModelCheckpoint(checkpoint, "loss", false, diskFillsUpOnTheSecondSave))));
        assertTrue(e.getMessage().startsWith("ModelCheckpoint could not save epoch 2 to " + checkpoint
                + " (No space left on device); training stopped."), e.getMessage());
        Sequential lastGood = ModelJson.load(checkpoint);
        assertEquals(64, lastGood.predict(x).size(0));
        assertEquals(64, model.predict(x).size(0));
        assertTrue(model.evaluate(x, y).get("loss") > 0);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(checkpoint), files.toList());
        }
    }
}
