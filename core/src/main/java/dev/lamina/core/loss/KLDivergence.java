package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code kl_divergence} ({@code kld}, {@code kullback_leibler_divergence}): with labels and predictions
 * clipped to [1e-7, 1], {@code sum(y log(y / yPred))} over the last axis. Both should be probability distributions
 * (a softmax output). Gradient {@code -y / yPred} where {@code 1e-7 < yPred < 1}, else 0 (the clip).
 * (keras/src/losses/losses.py, {@code kl_divergence})
 *
 * <pre>{@code
 * model.add(new Dense(10, "softmax"));
 * model.compile("adam", "kl_divergence");   // y: target distributions
 * }</pre>
 */
public record KLDivergence() implements Loss {

    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                double t = clip(y[i][j]);
                out[i] += t * Math.log(t / clip(p[i][j]));
            }
        }
        return Elementwise.vector(out, yPred);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                double v = p[i][j];
                p[i][j] = v > Epsilon.VALUE && v < 1 ? -clip(y[i][j]) / v : 0;
            }
        }
        return Elementwise.matrix(p, yPred);
    }

    private static double clip(double v) {
        return Math.min(Math.max(v, Epsilon.VALUE), 1);
    }
}
