package dev.lamina.core.activation;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code gelu(x, approximate=False)}. Exact: {@code 0.5 x (1 + erf(x / sqrt(2)))}; approximate:
 * {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}. ND4J's own GELU ops are not used: one is a different
 * approximation and the "precise" one is wrong in 1.0.0-M2.1.
 *
 * <pre>{@code
 * new Dense(64, new Gelu(true));   // tanh approximation
 * }</pre>
 *
 * @param approximate use the tanh approximation (default false)
 */
public record Gelu(boolean approximate) implements ElementwiseActivation {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double CUBIC = 0.044715;

    /** The exact (erf) GELU. */
    public Gelu() {
        this(false);
    }

    @Override
    public String name() {
        return "gelu";
    }

    private static INDArray erfOf(INDArray x, double scale) {
        INDArray scaled = x.mul(scale);
        Nd4j.exec(new Erf(scaled, scaled));
        return scaled;
    }

    private static INDArray tanhInner(INDArray x) {
        INDArray inner = x.mul(x).muli(CUBIC).addi(1.0).muli(x).muli(SQRT_2_OVER_PI);
        return Transforms.tanh(inner, false);
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray core = approximate ? tanhInner(x) : erfOf(x, INV_SQRT_2);
        return core.addi(1.0).muli(x).muli(0.5);
    }

    @Override
    public INDArray derivative(INDArray x) {
        if (approximate) {
            INDArray t = tanhInner(x);
            INDArray innerSlope = x.mul(x).muli(3 * CUBIC).addi(1.0).muli(SQRT_2_OVER_PI);
            INDArray tail = t.mul(t).rsubi(1.0).muli(innerSlope).muli(x).muli(0.5);
            return t.addi(1.0).muli(0.5).addi(tail);
        }
        INDArray cdf = erfOf(x, INV_SQRT_2).addi(1.0).muli(0.5);
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
        return cdf.addi(pdf.muli(x));
    }

    @Override
    public Map<String, Double> config() {
        return Map.of("approximate", approximate ? 1.0 : 0.0);
    }
}
