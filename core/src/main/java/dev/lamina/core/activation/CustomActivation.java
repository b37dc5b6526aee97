package dev.lamina.core.activation;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A user-supplied activation: a named function over tensors, optionally with its analytic derivative.
 *
 * <p>Without a derivative, the backward pass uses float64 central differences,
 * {@code f'(x) ~ (f(x + h) - f(x - h)) / 2h} with {@code h = cbrt(eps) * max(1, |x|)}, accurate to about 1e-10 for
 * smooth functions. That is only valid for <b>element-wise</b> functions (each output element depends on the input
 * element at the same position only, like {@code x * sigmoid(1.5 x)}); the first backward pass checks this on a
 * probe and throws {@link IllegalStateException} otherwise. A function that mixes elements (a normalisation, a
 * softmax variant) must supply its own backward pass by implementing {@link ActivationFunction} directly.
 *
 * <pre>{@code
 * ActivationFunction f = ActivationFunction.named("maFonction", Map.of("beta", 1.5),
 *         x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
 * }</pre>
 */
public final class CustomActivation implements ElementwiseActivation {

    private static final double STEP = Math.cbrt(Math.ulp(1.0));

    private final String name;
    private final Map<String, Double> config;
    private final UnaryOperator<INDArray> function;
    private final UnaryOperator<INDArray> derivative;
    private volatile boolean checkedElementwise;

    CustomActivation(String name, Map<String, Double> config, UnaryOperator<INDArray> function,
                     UnaryOperator<INDArray> derivative) {
        Activations.checkName(name);
        this.name = name;
        this.config = Map.copyOf(Objects.requireNonNull(config, "config"));
        this.function = Objects.requireNonNull(function, () -> "activation '" + name + "': function is null");
        this.derivative = derivative;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Double> config() {
        return config;
    }

    /** The wrapped function. */
    public UnaryOperator<INDArray> function() {
        return function;
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray y = function.apply(x);
        if (y == null || !Arrays.equals(y.shape(), x.shape())) {
            throw new IllegalStateException("Custom activation '" + name + "' returned "
                    + (y == null ? "null" : "shape " + Arrays.toString(y.shape())) + " for an input of shape "
                    + Arrays.toString(x.shape()) + "; an activation must keep the shape of its input.");
        }
        if (y == x) {
            throw new IllegalStateException("Custom activation '" + name + "' modified its input in place and returned "
                    + "it; return a new array instead (e.g. x.mul(...) rather than x.muli(...)).");
        }
        return y.dataType() == x.dataType() ? y : y.castTo(x.dataType());
    }

    @Override
    public INDArray derivative(INDArray x) {
        if (derivative != null) {
            INDArray d = derivative.apply(x);
            return d.dataType() == x.dataType() ? d : d.castTo(x.dataType());
        }
        checkElementwise();
        INDArray x64 = x.castTo(DataType.DOUBLE);
        INDArray h = Transforms.max(Transforms.abs(x64, true), 1.0, false).muli(STEP);
        INDArray plus = function.apply(x64.add(h)).castTo(DataType.DOUBLE);
        INDArray minus = function.apply(x64.sub(h)).castTo(DataType.DOUBLE);
        INDArray slope = plus.subi(minus).divi(h.muli(2.0));
        return slope.castTo(x.dataType());
    }

    /** Perturbs one element of a probe and checks that no other output element moves. */
    private void checkElementwise() {
        if (checkedElementwise) {
            return;
        }
        INDArray probe = Nd4j.createFromArray(new double[][] {{-1.3, 0.4, 2.1}, {0.7, -0.2, 1.6}});
        INDArray base = function.apply(probe.dup()).castTo(DataType.DOUBLE);
        INDArray moved = probe.dup();
        moved.putScalar(0, 1, 0.9);
        INDArray after = function.apply(moved).castTo(DataType.DOUBLE);
        INDArray change = Transforms.abs(after.sub(base), false);
        change.putScalar(0, 1, 0.0);
        if (change.maxNumber().doubleValue() > 1e-12) {
            throw new IllegalStateException("Custom activation '" + name + "' is not element-wise (changing one input "
                    + "element changed other outputs), so Lamina cannot differentiate it numerically. Implement "
                    + "ActivationFunction with its own backprop(x, y, gradOutput) instead.");
        }
        checkedElementwise = true;
    }

    @Override
    public String toString() {
        return "CustomActivation[" + name + (config.isEmpty() ? "" : ", " + config) + "]";
    }
}
