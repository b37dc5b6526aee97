package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code categorical_hinge} for one-hot labels: {@code max(neg - pos + 1, 0)} with
 * {@code pos = sum(y yPred)} and {@code neg = max((1 - y) yPred)} over the last axis. Where the loss is positive the
 * gradient is {@code -y}, plus {@code 1 - y} at the largest wrong score (shared equally between ties, as TensorFlow's
 * {@code reduce_max} does); 0 at the kink. (keras/src/losses/losses.py, {@code categorical_hinge})
 *
 * <pre>{@code
 * model.add(new Dense(10));   // linear scores
 * model.compile("adam", "categorical_hinge");   // one-hot labels
 * }</pre>
 */
public record CategoricalHinge() implements Loss {

    @Override
    public String name() {
        return "categorical_hinge";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.max(negative(p[i], y[i]) - positive(p[i], y[i]) + 1, 0);
        }
        return Elementwise.vector(out, yPred);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[][] grad = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double neg = negative(p[i], y[i]);
            grad[i] = new double[p[i].length];
            if (neg - positive(p[i], y[i]) + 1 <= 0) {
                continue;
            }
            int ties = 0;
            for (int j = 0; j < p[i].length; j++) {
                ties += (1 - y[i][j]) * p[i][j] == neg ? 1 : 0;
            }
            for (int j = 0; j < p[i].length; j++) {
                grad[i][j] = -y[i][j] + ((1 - y[i][j]) * p[i][j] == neg ? (1 - y[i][j]) / ties : 0);
            }
        }
        return Elementwise.matrix(grad, yPred);
    }

    private static double positive(double[] p, double[] y) {
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            sum += y[j] * p[j];
        }
        return sum;
    }

    private static double negative(double[] p, double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < p.length; j++) {
            max = Math.max(max, (1 - y[j]) * p[j]);
        }
        return max;
    }
}
