package dev.lamina.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.core.optimizer.Optimizer;
import dev.lamina.core.optimizer.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code fit} ends with {@code optimizer.finalize_variable_values(trainable_weights)}: with {@code use_ema}, the
 * model keeps the moving average of its weights, here recomputed in float64 from a twin trained without EMA.
 */
class FitWithEmaTest {

    private final INDArray x = TrainingTest.features(64, 6, 31);
    private final INDArray y = TrainingTest.binaryLabels(x);

    private static Sequential model(Optimizer optimizer) {
        Sequential model = new Sequential().seed(9);
        model.add(new Dense(8, "relu", 6));
        model.add(new Dense(1, "sigmoid"));
        model.compile(optimizer, "binary_crossentropy");
        return model;
    }

    @Test
    void useEmaLeavesTheWeightsEqualToTheirMovingAverageAtTheEndOfFit() {
        Sequential ema = model(new SGD(0.1).useEma(true).emaMomentum(0.9));
        Sequential twin = model(new SGD(0.1));
        INDArray fewRows = x.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all());
        ema.predict(fewRows); // puts the Java copy of the weights in use: fit must refresh it at the end
        List<double[]> average = new ArrayList<>();
        Callback follow = new Callback() {
            private int steps;

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                List<INDArray> weights = twin.getWeights();
                double momentum = steps++ == 0 ? 0.0 : 0.9; // Keras: the first step's average is the weights
                for (int k = 0; k < weights.size(); k++) {
                    double[] w = weights.get(k).castTo(DataType.DOUBLE).data().asDouble();
                    if (average.size() <= k) {
                        average.add(new double[w.length]);
                    }
                    double[] a = average.get(k);
                    for (int i = 0; i < w.length; i++) {
                        a[i] = momentum * a[i] + (1 - momentum) * w[i];
                    }
                }
            }
        };
        FitOptions options = FitOptions.epochs(2).batchSize(16).shuffle(false).verbose(0);
        ema.fit(x, y, options);
        twin.fit(x, y, options.callbacks(follow));

        List<INDArray> got = ema.getWeights();
        List<INDArray> trained = twin.getWeights();
        List<INDArray> expected = new ArrayList<>();
        for (int k = 0; k < got.size(); k++) {
            double[] g = got.get(k).castTo(DataType.DOUBLE).data().asDouble();
            double[] a = average.get(k);
            for (int i = 0; i < g.length; i++) {
                assertEquals(a[i], g[i], 1e-5 * (1 + Math.abs(a[i])), "weight tensor " + k + " [" + i + "]");
            }
            expected.add(got.get(k).dup());
            assertTrue(got.get(k).distance2(trained.get(k)) > 1e-4, "the average lags the trained weights");
        }
        Sequential averaged = model(new SGD(0.1));
        averaged.setWeights(expected);
        assertArrayEquals(averaged.predict(fewRows).data().asFloat(), ema.predict(fewRows).data().asFloat());
        assertEquals(ema.optimizer().state().get("average").reshape(-1),
                Nd4j.concat(0, got.stream().map(w -> w.reshape(-1)).toArray(INDArray[]::new)));
    }
}
