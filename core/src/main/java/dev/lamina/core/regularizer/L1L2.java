package dev.lamina.core.regularizer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code L1L2(l1=0.0, l2=0.0)}: {@code l1 * sum(|x|) + l2 * sum(x^2)}; its gradient is
 * {@code l1 * sign(x) + 2 * l2 * x}, with {@code sign(0) = 0} (TensorFlow's convention; JAX's gradient of {@code |x|}
 * at 0 is 1). Factors are finite and {@code >= 0}.
 *
 * <pre>{@code
 * Regularizer both = new L1L2(1e-5, 1e-4);
 * }</pre>
 *
 * @param l1 the L1 factor
 * @param l2 the L2 factor
 */
public record L1L2(double l1, double l2) implements Regularizer {

    public L1L2 {
        Regularizers.checkFactor("l1", l1);
        Regularizers.checkFactor("l2", l2);
    }

    /** Keras's default: both factors 0 (a penalty of 0). */
    public L1L2() {
        this(0.0, 0.0);
    }

    @Override
    public String className() {
        return "L1L2";
    }

    @Override
    public Map<String, Double> config() {
        Map<String, Double> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    @Override
    public double penalty(INDArray x) {
        return penalty(x, l1, l2);
    }

    @Override
    public void addGradient(INDArray x, double scale, INDArray gradient) {
        addGradient(x, l1 * scale, l2 * scale, gradient);
    }

    /** The penalty, reduced by ND4J in the array's own type (as Keras reduces in the variable's dtype). */
    static double penalty(INDArray x, double l1, double l2) {
        double total = 0;
        if (l1 != 0) {
            total += l1 * x.norm1Number().doubleValue();
        }
        if (l2 != 0) {
            double norm = x.norm2Number().doubleValue();
            total += l2 * norm * norm;
        }
        return total;
    }

    /** {@code gradient += l1 * sign(x) + 2 * l2 * x}; the L2 part is one BLAS axpy, without a temporary. */
    static void addGradient(INDArray x, double l1, double l2, INDArray gradient) {
        if (l1 != 0) {
            gradient.addi(Transforms.sign(x, true).muli(l1));
        }
        if (l2 != 0) {
            if (x.dataType() == gradient.dataType() && x.ordering() == gradient.ordering()
                    && x.elementWiseStride() == 1 && gradient.elementWiseStride() == 1) {
                Nd4j.getBlasWrapper().level1().axpy(x.length(), 2 * l2, x, gradient);
            } else {
                gradient.addi(x.mul(2 * l2));
            }
        }
    }
}
