package dev.lamina.core.loss;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code categorical_focal_crossentropy} for one-hot labels: predictions are normalised to sum 1 along the
 * last axis and clipped to [1e-7, 1 - 1e-7] ({@code q}), and the loss is {@code sum(alpha (1 - q)^gamma (-y log q))}.
 * Labels are first smoothed to {@code y (1 - s) + s / K}; with {@code fromLogits}, the predictions are
 * {@code softmax(z)} first. {@code alpha} is a scalar here (Keras also accepts one per class).
 * (keras/src/losses/losses.py, {@code categorical_focal_crossentropy})
 *
 * <pre>{@code
 * model.compile("adam", new CategoricalFocalCrossentropy(0.25, 2.0, false, 0.1), "accuracy");
 * }</pre>
 *
 * @param alpha the weight of every class (default 0.25)
 * @param gamma the focusing parameter, >= 0; 0 gives {@code alpha} times categorical cross-entropy (default 2.0)
 * @param fromLogits whether predictions are logits (default false)
 * @param labelSmoothing in [0, 1] (default 0)
 */
public record CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits, double labelSmoothing)
        implements Loss {

    /** Keras's defaults: alpha 0.25, gamma 2, probabilities, no label smoothing. */
    public CategoricalFocalCrossentropy() {
        this(0.25, 2.0, false, 0.0);
    }

    public CategoricalFocalCrossentropy {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(
                    "categorical_focal_crossentropy: alpha must be a finite number. Received: alpha=" + alpha);
        }
        Focal.checkGamma("categorical_focal_crossentropy", gamma);
        LabelSmoothing.check("categorical_focal_crossentropy", labelSmoothing);
    }

    @Override
    public String name() {
        return "categorical_focal_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("alpha", alpha, "gamma", gamma, "from_logits", fromLogits ? 1.0 : 0.0,
                "label_smoothing", labelSmoothing);
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        double[][] z = Elementwise.rows(name(), yPred, yTrue);
        double[][] labels = Elementwise.host(yTrue);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double[] p = fromLogits ? softmax(z[i]) : z[i];
            double[] y = smooth(labels[i]);
            double total = sum(p);
            for (int k = 0; k < p.length; k++) {
                double q = clip(p[k] / total);
                out[i] += alpha * Math.pow(1 - q, gamma) * -y[k] * Math.log(q);
            }
        }
        return Elementwise.vector(out, yPred);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        double[][] z = Elementwise.rows(name(), yPred, yTrue);
        double[][] labels = Elementwise.host(yTrue);
        double[][] grad = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double[] p = fromLogits ? softmax(z[i]) : z[i];
            double[] y = smooth(labels[i]);
            double total = sum(p);
            double[] q = new double[p.length];
            double[] dq = new double[p.length];
            double projected = 0;
            for (int k = 0; k < p.length; k++) {
                q[k] = p[k] / total;
                double c = clip(q[k]);
                // d/dc of -alpha (1 - c)^gamma y log c; the clip passes the gradient only strictly inside
                double dc = alpha * y[k] * (Focal.powerDerivative(1 - c, gamma) * Math.log(c)
                        - Math.pow(1 - c, gamma) / c);
                dq[k] = q[k] > Epsilon.VALUE && q[k] < 1 - Epsilon.VALUE ? dc : 0;
                projected += dq[k] * q[k];
            }
            // through the normalisation q = p / sum(p): dL/dp_k = (dL/dq_k - sum_j dL/dq_j q_j) / sum(p)
            double[] dp = new double[p.length];
            double throughSoftmax = 0;
            for (int k = 0; k < p.length; k++) {
                dp[k] = (dq[k] - projected) / total;
                throughSoftmax += dp[k] * p[k];
            }
            if (fromLogits) {
                // through p = softmax(z): dL/dz_k = p_k (dL/dp_k - sum_j dL/dp_j p_j)
                for (int k = 0; k < p.length; k++) {
                    dp[k] = p[k] * (dp[k] - throughSoftmax);
                }
            }
            grad[i] = dp;
        }
        return Elementwise.matrix(grad, yPred);
    }

    private double[] smooth(double[] y) {
        double[] out = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] * (1 - labelSmoothing) + labelSmoothing / y.length;
        }
        return out;
    }

    private static double clip(double q) {
        return Math.min(Math.max(q, Epsilon.VALUE), 1 - Epsilon.VALUE);
    }

    private static double sum(double[] x) {
        double total = 0;
        for (double v : x) {
            total += v;
        }
        return total;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] out = new double[z.length];
        double total = 0;
        for (int k = 0; k < z.length; k++) {
            out[k] = Math.exp(z[k] - max);
            total += out[k];
        }
        for (int k = 0; k < z.length; k++) {
            out[k] /= total;
        }
        return out;
    }
}
