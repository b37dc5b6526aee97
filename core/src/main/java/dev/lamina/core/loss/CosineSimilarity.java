package dev.lamina.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code cosine_similarity} as a loss: the <em>negative</em> cosine similarity
 * {@code -sum(l2_normalize(y) * l2_normalize(yPred))} over the last axis, so -1 is a perfect match, 0 orthogonal
 * (or a zero vector) and 1 opposite. {@code l2_normalize(x) = x / sqrt(max(sum(x^2), 1e-7^2))}, as Keras's
 * {@code ops.normalize}. Gradient {@code -(t - (t . u) u) / |yPred|} with {@code t}, {@code u} the normalised label and
 * prediction ({@code -t / 1e-7} while {@code |yPred| < 1e-7}). (keras/src/losses/losses.py, {@code cosine_similarity})
 *
 * <pre>{@code
 * model.compile("adam", "cosine_similarity");
 * }</pre>
 */
public record CosineSimilarity() implements Loss {

    private static final double MIN_SQUARE_NORM = Epsilon.VALUE * Epsilon.VALUE;

    @Override
    public String name() {
        return "cosine_similarity";
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] t = normalised(y[i]);
            double[] u = normalised(p[i]);
            for (int j = 0; j < t.length; j++) {
                out[i] -= t[j] * u[j];
            }
        }
        return Elementwise.vector(out, yPred);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        double[][] p = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[][] grad = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double[] t = normalised(y[i]);
            double squareNorm = squareNorm(p[i]);
            grad[i] = new double[t.length];
            if (squareNorm <= MIN_SQUARE_NORM) {
                // the norm is clamped to a constant: the loss is -t . yPred / 1e-7
                for (int j = 0; j < t.length; j++) {
                    grad[i][j] = -t[j] / Epsilon.VALUE;
                }
                continue;
            }
            double norm = Math.sqrt(squareNorm);
            double[] u = normalised(p[i]);
            double dot = 0;
            for (int j = 0; j < t.length; j++) {
                dot += t[j] * u[j];
            }
            for (int j = 0; j < t.length; j++) {
                grad[i][j] = -(t[j] - dot * u[j]) / norm;
            }
        }
        return Elementwise.matrix(grad, yPred);
    }

    private static double squareNorm(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return sum;
    }

    private static double[] normalised(double[] x) {
        double scale = 1 / Math.sqrt(Math.max(squareNorm(x), MIN_SQUARE_NORM));
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] * scale;
        }
        return out;
    }
}
