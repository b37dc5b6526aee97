package dev.lamina.benchmarks;

import dev.lamina.core.optimizer.RMSprop;
import dev.lamina.layers.Callback;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classic IMDB model in Lamina: Dense(16, relu) -> Dense(16, relu) -> Dense(1, sigmoid), RMSprop(1e-3),
 * binary cross-entropy, trained on dense or sparse rows.
 *
 * <pre>{@code
 * LaminaImdb lamina = new LaminaImdb(10000, 7);
 * List<Double> epochSeconds = lamina.fit(sparseX, y, 4, 512, 7);
 * }</pre>
 */
final class LaminaImdb {

    final Sequential model;

    LaminaImdb(int inputs, long seed) {
        model = new Sequential("imdb").seed(seed);
        model.add(new Dense(16, "relu", inputs));
        model.add(new Dense(16, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new RMSprop(1e-3), "binary_crossentropy", "accuracy");
    }

    /** Trains on {@code x} (an {@code INDArray} or {@link SparseRows}) and returns the seconds of each epoch. */
    List<Double> fit(Object x, INDArray y, int epochs, int batchSize, long shuffleSeed) {
        List<Double> seconds = new ArrayList<>();
        long[] start = new long[1];
        Callback timer = new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                start[0] = System.nanoTime();
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seconds.add((System.nanoTime() - start[0]) / 1e9);
            }
        };
        FitOptions options = FitOptions.epochs(epochs).batchSize(batchSize).seed(shuffleSeed).verbose(0)
                .callbacks(timer);
        if (x instanceof SparseRows sparse) {
            model.fit(sparse, y, options);
        } else {
            model.fit((INDArray) x, y, options);
        }
        return seconds;
    }

    /** The same Fisher-Yates shuffle as Lamina's training loop, so DL4J sees the same batches. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
