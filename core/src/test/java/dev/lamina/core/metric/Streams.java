package dev.lamina.core.metric;

import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Test data, and feeding it to a metric in uneven batches (streamed results must equal the all-at-once reference). */
final class Streams {

    private Streams() {
    }

    static double[][] gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] a = new double[rows][columns];
        for (double[] row : a) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return a;
    }

    static double[][] uniform(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] a = new double[rows][columns];
        for (double[] row : a) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextDouble();
            }
        }
        return a;
    }

    /** Rows {@code [0, n)} in batches of 7, 1, 13, 7, 1, 13, ... rows, as float32 arrays (what a model gives). */
    static void feed(Metric metric, double[][] yPred, double[][] yTrue) {
        int[] sizes = {7, 1, 13};
        int from = 0;
        for (int b = 0; from < yPred.length; b++) {
            int to = Math.min(yPred.length, from + sizes[b % sizes.length]);
            metric.update(floats(yPred, from, to), floats(yTrue, from, to));
            from = to;
        }
    }

    static org.nd4j.linalg.api.ndarray.INDArray floats(double[][] a, int from, int to) {
        float[][] f = new float[to - from][];
        for (int i = from; i < to; i++) {
            f[i - from] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                f[i - from][j] = (float) a[i][j];
            }
        }
        return Nd4j.createFromArray(f);
    }

    static org.nd4j.linalg.api.ndarray.INDArray floats(double[][] a) {
        return floats(a, 0, a.length);
    }

    /** {@code a} rounded to float32, so references see exactly what the metric sees. */
    static double[][] asFloats(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = (float) a[i][j];
            }
        }
        return r;
    }
}
