package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The same IMDB model in Deeplearning4j 1.0.0-M2.1: {@code MultiLayerNetwork} with Xavier-uniform (glorot_uniform)
 * weights, RmsProp(lr 1e-3, decay 0.9, epsilon 1e-7), binary cross-entropy on a sigmoid output, fed the same
 * batches in the same order as Lamina (rows gathered into preallocated buffers, as DL4J users are advised to).
 *
 * <pre>{@code
 * Dl4jImdb dl4j = new Dl4jImdb(10000, 7);
 * List<Double> epochSeconds = dl4j.fit(x, y, 4, 512, 7);
 * }</pre>
 */
final class Dl4jImdb {

    private final MultiLayerNetwork network;

    Dl4jImdb(int inputs, long seed) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new RmsProp(1e-3, 0.9, 1e-7))
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(16).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        network = new MultiLayerNetwork(configuration);
        network.init();
    }

    /** Trains and returns the seconds each epoch took. */
    List<Double> fit(INDArray x, INDArray y, int epochs, int batchSize, long shuffleSeed) {
        int n = (int) x.size(0);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(shuffleSeed);
        INDArray xFull = Nd4j.create(DataType.FLOAT, batchSize, x.size(1));
        INDArray yFull = Nd4j.create(DataType.FLOAT, batchSize, 1);
        int last = n % batchSize;
        INDArray xLast = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, x.size(1));
        INDArray yLast = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, 1);
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            LaminaImdb.shuffle(order, random);
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
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .assign(network.output(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                            org.nd4j.linalg.indexing.NDArrayIndex.all()), false));
        }
        return out;
    }

    INDArray predictOne(INDArray row) {
        return network.output(row, false);
    }
}
