package dev.lamina.core.loss;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code binary_focal_crossentropy} (Lin et al., 2017), averaged over the last axis: per element
 * {@code w (1 - p_t)^gamma bce}, with {@code bce} the binary cross-entropy of the probability clipped to
 * [1e-7, 1 - 1e-7], {@code p_t = y p + (1 - y)(1 - p)} (unclipped), and {@code w = y alpha + (1 - y)(1 - alpha)} when
 * {@code applyClassBalancing}, else 1. Labels are first smoothed to {@code y (1 - s) + s / 2}; with
 * {@code fromLogits}, {@code p = sigmoid(z)}. This is Keras's backend-independent code; TensorFlow alone takes the
 * {@code bce} factor from the logits, which differs only where {@code p} is within 1e-7 of 0 or 1.
 * (keras/src/losses/losses.py, {@code binary_focal_crossentropy})
 *
 * <pre>{@code
 * model.compile("adam", new BinaryFocalCrossentropy(true, 0.25, 2.0, false, 0.0), "accuracy");
 * }</pre>
 *
 * @param applyClassBalancing whether to weight class 1 by {@code alpha} and class 0 by {@code 1 - alpha} (default false)
 * @param alpha the weight of class 1 when balancing, in [0, 1] (default 0.25)
 * @param gamma the focusing parameter, >= 0; 0 gives binary cross-entropy (default 2.0)
 * @param fromLogits whether predictions are logits (default false)
 * @param labelSmoothing in [0, 1] (default 0)
 */
public record BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma, boolean fromLogits,
        double labelSmoothing) implements Loss {

    /** Keras's defaults: no class balancing, alpha 0.25, gamma 2, probabilities, no label smoothing. */
    public BinaryFocalCrossentropy() {
        this(false, 0.25, 2.0, false, 0.0);
    }

    public BinaryFocalCrossentropy {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException(
                    "binary_focal_crossentropy: alpha must be in [0, 1]. Received: alpha=" + alpha);
        }
        Focal.checkGamma("binary_focal_crossentropy", gamma);
        LabelSmoothing.check("binary_focal_crossentropy", labelSmoothing);
    }

    @Override
    public String name() {
        return "binary_focal_crossentropy";
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("apply_class_balancing", applyClassBalancing ? 1.0 : 0.0, "alpha", alpha, "gamma", gamma,
                "from_logits", fromLogits ? 1.0 : 0.0, "label_smoothing", labelSmoothing);
    }

    @Override
    public INDArray perSample(INDArray yPred, INDArray yTrue) {
        double[][] z = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double p = fromLogits ? Elementwise.sigmoid(z[i][j]) : z[i][j];
                out[i] += value(p, smooth(y[i][j])) / z[i].length;
            }
        }
        return Elementwise.vector(out, yPred);
    }

    @Override
    public INDArray gradient(INDArray yPred, INDArray yTrue) {
        double[][] z = Elementwise.rows(name(), yPred, yTrue);
        double[][] y = Elementwise.host(yTrue);
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double p = fromLogits ? Elementwise.sigmoid(z[i][j]) : z[i][j];
                double dp = derivative(p, smooth(y[i][j]));
                z[i][j] = (fromLogits ? dp * p * (1 - p) : dp) / z[i].length;
            }
        }
        return Elementwise.matrix(z, yPred);
    }

    private double smooth(double y) {
        return y * (1 - labelSmoothing) + 0.5 * labelSmoothing;
    }

    private double weight(double y) {
        return applyClassBalancing ? y * alpha + (1 - y) * (1 - alpha) : 1;
    }

    private double value(double p, double y) {
        double c = Math.min(Math.max(p, Epsilon.VALUE), 1 - Epsilon.VALUE);
        double bce = -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
        double pT = y * p + (1 - y) * (1 - p);
        return weight(y) * Math.pow(1 - pT, gamma) * bce;
    }

    private double derivative(double p, double y) {
        double c = Math.min(Math.max(p, Epsilon.VALUE), 1 - Epsilon.VALUE);
        double bce = -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
        // the clip passes the gradient only strictly inside (as in BinaryCrossentropy)
        double dBce = p > Epsilon.VALUE && p < 1 - Epsilon.VALUE ? (1 - y) / (1 - c) - y / c : 0;
        double pT = y * p + (1 - y) * (1 - p);
        double focal = Math.pow(1 - pT, gamma);
        double dFocal = -(2 * y - 1) * Focal.powerDerivative(1 - pT, gamma);
        return weight(y) * (dFocal * bce + focal * dBce);
    }
}
