package dev.lamina.benchmarks;

import dev.lamina.layers.Callback;
import dev.lamina.layers.Dense;
import dev.lamina.layers.FitOptions;
import dev.lamina.layers.Sequential;
import dev.lamina.layers.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The IMDB model in Lamina: Dense(units, relu) -> Dense(units, relu) -> Dense(1, sigmoid) on 10,000 inputs, binary
 * cross-entropy, trained on dense or sparse rows; the weights are drawn (glorot_uniform) from the seed.
 *
 * <pre>{@code
 * LaminaImdb lamina = new LaminaImdb(16, OptimizerChoice.RMSPROP, 7);
 * List<INDArray> initial = lamina.model.getWeights();
 * List<Double> epochSeconds = lamina.fit(train.sparse(), train.labels(), 2, 512, 7);
 * }</pre>
 */
final class LaminaImdb {

    final Sequential model;

    LaminaImdb(int units, OptimizerChoice optimizer, long seed) {
        model = new Sequential("imdb").seed(seed);
        model.add(new Dense(units, "relu", BenchmarkData.WORDS));
        model.add(new Dense(units, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.compile(optimizer.lamina(), "binary_crossentropy", "accuracy");
    }

    /**
     * Trains on {@code x} (an {@code INDArray} or {@link SparseRows}), shuffling with {@code shuffleSeed} (see
     * {@link EpochOrders}), and returns the seconds of each epoch.
     */
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

    /** Probabilities [n, 1] for {@code x} (an {@code INDArray} or {@link SparseRows}). */
    INDArray predict(Object x, int batchSize) {
        return x instanceof SparseRows sparse ? model.predict(sparse, batchSize)
                : model.predict((INDArray) x, batchSize);
    }
}
