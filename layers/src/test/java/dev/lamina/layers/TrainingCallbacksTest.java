package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingCallbacksTest {

    @TempDir
    Path dir;

    private final INDArray x = TrainingTest.features(64, 6, 21);
    private final INDArray y = TrainingTest.binaryLabels(x);

    @Test
    void csvLoggerWritesOneSortedRowPerEpochAndAppendsWithoutASecondHeader() throws Exception {
        Path file = dir.resolve("training.csv");
        Sequential model = TrainingTest.binaryModel(1);
        History history = model.fit(x, y, FitOptions.epochs(2).batchSize(16).verbose(0).validationSplit(0.25)
                .callbacks(new CSVLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", lines.get(0));
        assertEquals(3, lines.size());
        assertEquals("1," + history.get("accuracy").get(1) + "," + history.get("loss").get(1) + ","
                + history.get("val_accuracy").get(1) + "," + history.get("val_loss").get(1), lines.get(2));

        model.fit(x, y, FitOptions.epochs(3).initialEpoch(2).batchSize(16).verbose(0).validationSplit(0.25)
                .callbacks(new CSVLogger(file, ";", true)));
        List<String> appended = Files.readAllLines(file);
        assertEquals(4, appended.size());
        assertTrue(appended.get(3).startsWith("2;"), appended.get(3));
    }

    @Test
    void learningRateSchedulerSetsTheRateBeforeEachEpochAndLogsIt() {
        Sequential model = TrainingTest.binaryModel(2);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        History history = model.fit(x, y, FitOptions.epochs(3).batchSize(16).verbose(0).callbacks(
                new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1),
                        new PrintStream(printed, true, StandardCharsets.UTF_8))));
        assertEquals(List.of(0.1, 0.05, 0.1 / 3), history.get("learning_rate"));
        assertEquals(0.1 / 3, model.optimizer().learningRate(), 1e-12);
        assertTrue(printed.toString(StandardCharsets.UTF_8)
                .contains("Epoch 00002: LearningRateScheduler setting learning rate to 0.05."), printed.toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> model.fit(x, y,
                FitOptions.epochs(1).verbose(0).callbacks(new LearningRateScheduler((epoch, lr) -> -1))));
        assertTrue(bad.getMessage().contains("returned -1.0 for epoch 0"), bad.getMessage());
    }

    @Test
    void lambdaCallbackCallsEachGivenFunctionInOrder() {
        List<String> calls = new ArrayList<>();
        Callback callback = LambdaCallback.create()
                .onTrainBegin(m -> calls.add("train begin"))
                .onEpochBegin(e -> calls.add("epoch " + e))
                .onBatchEnd((b, logs) -> calls.add("batch " + b))
                .onEpochEnd((e, logs) -> calls.add("epoch end " + e + " " + logs.containsKey("loss")))
                .onTrainEnd((m, h) -> calls.add("train end " + h.epochs()));
        TrainingTest.binaryModel(3).fit(x, y, FitOptions.epochs(1).batchSize(32).verbose(0).callbacks(callback));
        assertEquals(List.of("train begin", "epoch 0", "batch 0", "batch 1", "epoch end 0 true", "train end [0]"),
                calls);
    }
}
