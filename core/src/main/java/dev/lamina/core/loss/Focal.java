package dev.lamina.core.loss;

/** Checks and arithmetic shared by the focal cross-entropies. */
final class Focal {

    private Focal() {
    }

    static void checkGamma(String loss, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException(loss + ": gamma must be a number >= 0 (0 turns the focal factor off). "
                    + "Received: gamma=" + gamma);
        }
    }

    /** {@code d base^gamma / d base}; at {@code base = 0}: 0 for gamma 0 or above 1, 1 for gamma 1, else infinite. */
    static double powerDerivative(double base, double gamma) {
        if (gamma == 0) {
            return 0;
        }
        if (base == 0) {
            return gamma > 1 ? 0 : gamma == 1 ? 1 : Double.POSITIVE_INFINITY;
        }
        return gamma * Math.pow(base, gamma - 1);
    }
}
