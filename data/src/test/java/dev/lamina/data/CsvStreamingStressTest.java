package dev.lamina.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Adam;
import dev.lamina.layers.Callback;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.History;
import dev.lamina.layers.ResidentMemory;
import dev.lamina.layers.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from CSV files several times larger than the heap: {@code mvn verify -Pstress} runs this module's tests
 * with {@code -Xmx256m} (see its POM), and a 1.2 GB file must train through one epoch with flat resident memory.
 */
@Tag("stress")
class CsvStreamingStressTest {

    private static final long FILE_BYTES = 1_200_000_000L;
    private static final int FEATURES = 8;

    @TempDir
    Path dir;

    @Test
    void anEpochOverACsvFourTimesTheHeapKeepsResidentMemoryFlatAndLearns() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        assertTrue(heap <= 300L << 20, "run with -Xmx256m (mvn verify -Pstress); the heap is " + (heap >> 20) + " MB");
        Path file = dir.resolve("big.csv");
        long rows = writeCsv(file);
        assertTrue(Files.size(file) > 4 * heap, "the file must be several times the heap");

        Sequential model = new Sequential().seed(3);
        model.add(new Dense(16, "relu", FEATURES));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-3), "binary_crossentropy", "accuracy");
        int batchSize = 1024;
        long steps = (rows + batchSize - 1) / batchSize;
        double[] residentAt = {-1, 0}; // after the first tenth of the batches; the maximum after it
        Callback memory = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (batch % 500 != 0 || batch < steps / 10) {
                    return;
                }
                try {
                    double now = ResidentMemory.megabytes(); // no System.gc(): what a training run sees
                    if (residentAt[0] < 0) {
                        residentAt[0] = now;
                    }
                    residentAt[1] = Math.max(residentAt[1], now);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        CsvSource csv = CsvSource.of(file).labels("label").batchSize(batchSize);
        History history = model.fit(csv, FitOptions.epochs(1).verbose(0).callbacks(memory));

        double first = residentAt[0];
        double max = residentAt[1];
        assertTrue(first > 0, "resident memory was sampled");
        assertTrue(max - first < 64, "resident memory grew from " + first + " MB to " + max + " MB over the epoch");
        assertTrue(max < 1024, "resident memory reached " + max + " MB for a " + (Files.size(file) >> 20)
                + " MB file");
        assertTrue(history.last("loss") < 0.2, "loss after an epoch: " + history.last("loss"));
        assertTrue(history.last("accuracy") > 0.93, "accuracy after an epoch: " + history.last("accuracy"));
    }

    /**
     * Writes {@code FEATURES} uniform features in [-1, 1) and the label {@code x0 + x1 > 0} per row until the file
     * passes {@link #FILE_BYTES}: a block of rows formatted once, written again and again (a learnable, finite set).
     */
    private static long writeCsv(Path file) throws IOException {
        Random random = new Random(5);
        StringBuilder block = new StringBuilder();
        int blockRows = 50_000;
        for (int r = 0; r < blockRows; r++) {
            float x0 = 0;
            float x1 = 0;
            for (int j = 0; j < FEATURES; j++) {
                float value = Math.round((random.nextFloat() * 2 - 1) * 10_000) / 10_000f;
                x0 = j == 0 ? value : x0;
                x1 = j == 1 ? value : x1;
                block.append(value).append(',');
            }
            block.append(x0 + x1 > 0 ? '1' : '0').append('\n');
        }
        byte[] bytes = block.toString().getBytes(StandardCharsets.US_ASCII);
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < FEATURES; j++) {
            header.append('x').append(j).append(',');
        }
        long rows = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.append("label\n").toString().getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < FILE_BYTES; written += bytes.length) {
                out.write(bytes);
                rows += blockRows;
            }
        }
        return rows;
    }
}
