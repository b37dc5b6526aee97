package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress output against Keras 3's {@code Progbar} format, with a clock the test sets. */
class ProgbarLoggerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(Object... pairs) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            logs.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return logs;
    }

    @Test
    void verboseTwoPrintsTheEpochAndOneLineLikeKeras() {
        ProgbarLogger logger = new ProgbarLogger(out, 2, 4, 49, true, () -> now);
        now = 5_000_000_000L;
        logger.onEpochBegin(0);
        for (int step = 0; step < 49; step++) {
            now += 20_000_000L;
            logger.onBatchEnd(step, logs("loss", 0.5, "accuracy", 0.8));
        }
        logger.onEpochEnd(0, logs("loss", 0.45, "accuracy", 0.81));
        assertEquals("Epoch 1/4\n49/49 - 1s - 20ms/step - accuracy: 0.8100 - loss: 0.4500\n", printed());
    }

    @Test
    void aSourceOfUnknownLengthShowsTheCountSoFarAndItsTotalAtTheEpochsEnd() {
        ProgbarLogger logger = new ProgbarLogger(out, 1, 1, -1, true, () -> now);
        now = 0;
        logger.onEpochBegin(0);
        now = 1_000_000_000L;
        logger.onBatchEnd(0, logs("loss", 0.5));
        now = 1_500_000_000L;
        logger.onBatchEnd(1, logs("loss", 0.5));
        now = 2_000_000_000L;
        logger.onEpochEnd(0, logs("loss", 0.45));
        assertEquals("\r1/Unknown - 1s 1s/step - loss: 0.5000\u001b[K\r2/Unknown - 2s 500ms/step - loss: 0.5000"
                + "\u001b[K\r2/2 " + "━".repeat(20) + " 2s 1s/step - loss: 0.4500\u001b[K\n", printed());
    }

    @Test
    void verboseOneOffATerminalPrintsTheFinalBarOncePerEpochWithEpochEndKeysLast() {
        ProgbarLogger logger = new ProgbarLogger(out, 1, 1, 3, false, () -> now);
        now = 0;
        logger.onEpochBegin(0);
        now = 1_000_000_000L;
        logger.onBatchEnd(0, logs("loss", 0.5, "accuracy", 0.8));
        now = 1_500_000_000L;
        logger.onBatchEnd(1, logs("loss", 0.5, "accuracy", 0.8));
        now = 2_000_000_000L;
        logger.onBatchEnd(2, logs("loss", 0.5, "accuracy", 0.8));
        logger.onEpochEnd(0, logs("loss", 0.45, "accuracy", 0.81, "val_loss", 0.5, "val_accuracy", 0.79,
                "learning_rate", 1e-4));
        // one epoch: no "Epoch 1/1"; the time per step leaves out the first step: (2 s - 1 s) / 2
        assertEquals("3/3 " + "━".repeat(20) + " 2s 500ms/step - accuracy: 0.8100 - loss: 0.4500 - learning_rate: "
                + "1.0000e-04 - val_accuracy: 0.7900 - val_loss: 0.5000\n", printed());
    }

    @Test
    void verboseOneOnATerminalRedrawsTheBarWithTheTimeLeft() {
        ProgbarLogger logger = new ProgbarLogger(out, 1, 2, 4, true, () -> now);
        now = 0;
        logger.onEpochBegin(1);
        now = 1_000_000_000L;
        logger.onBatchEnd(0, logs("loss", 0.5));
        now = 1_010_000_000L;
        logger.onBatchEnd(1, logs("loss", 0.5)); // within 50 ms of the last drawing: not drawn
        now = 3_000_000_000L;
        logger.onEpochEnd(1, logs("loss", 0.25));
        assertEquals("Epoch 2/2\n"
                + "\r1/4 " + "━".repeat(5) + "─".repeat(15) + " 3s 1s/step - loss: 0.5000\u001b[K"
                + "\r4/4 " + "━".repeat(20) + " 3s 667ms/step - loss: 0.2500\u001b[K\n", printed());
    }

    @Test
    void verboseZeroPrintsNothing() {
        ProgbarLogger logger = new ProgbarLogger(out, 0, 4, 2, true, () -> now);
        logger.onEpochBegin(0);
        logger.onBatchEnd(0, logs("loss", 0.5));
        logger.onEpochEnd(0, logs("loss", 0.5));
        assertEquals("", printed());
    }

    @Test
    void valuesArePrintedAsPythonFormatsThem() {
        assertEquals("0.4500", ProgbarLogger.number(0.45));
        assertEquals("-0.9000", ProgbarLogger.number(-0.9));
        assertEquals("1.0000e-04", ProgbarLogger.number(1e-4));
        assertEquals("0.0000e+00", ProgbarLogger.number(0));
        assertEquals("nan", ProgbarLogger.number(Double.NaN));
        assertEquals("inf", ProgbarLogger.number(Double.POSITIVE_INFINITY));
    }
}
