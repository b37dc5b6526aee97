package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The same IMDB model in Deeplearning4j 1.0.0-M2.1: a {@code MultiLayerNetwork} of Dense(units, relu) ->
 * Dense(units, relu) -> Output(1, sigmoid, binary cross-entropy), starting from Lamina's initial weights, with
 * Keras's optimizer hyper-parameters ({@link OptimizerChoice#dl4j()}), fed the given batches in the given order (rows
 * gathered into preallocated buffers, as DL4J users are advised to). Dense input only: DL4J has no sparse input.
 *
 * <pre>{@code
 * Dl4jImdb dl4j = new Dl4jImdb(16, OptimizerChoice.RMSPROP, lamina.model.getWeights());
 * List<Double> epochSeconds = dl4j.fit(train.dense(), train.labels(), EpochOrders.of(25_000, 2, 7), 512);
 * }</pre>
 */
final class Dl4jImdb {

    private final MultiLayerNetwork network;

    /** {@code weights} in Lamina's {@code getWeights()} order: kernel [inputs, units] then bias, layer by layer. */
    Dl4jImdb(int units, OptimizerChoice optimizer, List<INDArray> weights) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(optimizer.dl4j())
                .list()
                .layer(new DenseLayer.Builder().nIn(BenchmarkData.WORDS).nOut(units).activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder().nIn(units).nOut(units).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(units).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        network = new MultiLayerNetwork(configuration);
        network.init();
        for (int layer = 0; layer < 3; layer++) {
            assign(layer + "_W", weights.get(2 * layer));
            assign(layer + "_b", weights.get(2 * layer + 1));
        }
    }

    private void assign(String key, INDArray value) {
        INDArray param = network.getParam(key);
        param.assign(value.reshape(param.shape()));
    }

    /** Trains one epoch per entry of {@code orders} (row indices) and returns the seconds each epoch took. */
    List<Double> fit(INDArray x, INDArray y, int[][] orders, int batchSize) {
        int n = (int) x.size(0);
        INDArray xFull = Nd4j.create(DataType.FLOAT, batchSize, x.size(1));
        INDArray yFull = Nd4j.create(DataType.FLOAT, batchSize, 1);
        int last = n % batchSize;
        INDArray xLast = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, x.size(1));
        INDArray yLast = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, 1);
        List<Double> seconds = new ArrayList<>();
        for (int[] order : orders) {
            long start = System.nanoTime();
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                int[] rows = Arrays.copyOfRange(order, from, to);
                INDArray xb = to - from == batchSize ? xFull : xLast;
                INDArray yb = to - from == batchSize ? yFull : yLast;
                Nd4j.pullRows(x, xb, 1, rows);
                Nd4j.pullRows(y, yb, 1, rows);
                network.fit(new DataSet(xb, yb));
            }
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return seconds;
    }

    INDArray predict(INDArray x, int batchSize) {
        int n = (int) x.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, n, 1);
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
                    .assign(network.output(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), false));
        }
        return out;
    }

    INDArray predictOne(INDArray row) {
        return network.output(row, false);
    }
}
