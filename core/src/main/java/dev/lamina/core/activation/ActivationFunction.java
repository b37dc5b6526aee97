package dev.lamina.core.activation;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function: a named map from a tensor to a tensor of the same shape, with its backward pass.
 *
 * <p>Implementations never modify their arguments. Built-ins are listed in {@link Activations}; a user function
 * becomes one with {@link #named(String, UnaryOperator)}:
 *
 * <pre>{@code
 * ActivationFunction maFonction = ActivationFunction.named("maFonction", x -> x.mul(Transforms.sigmoid(x.mul(1.5))));
 * model.add(new Dense(16, maFonction));
 * }</pre>
 */
public interface ActivationFunction {

    /** The name used in summaries and in the model file: Keras's name for built-ins, the registered name otherwise. */
    String name();

    /** Returns {@code f(x)} as a new array; {@code x} is left untouched. */
    INDArray apply(INDArray x);

    /**
     * The vector-Jacobian product: given {@code x}, {@code y = f(x)} and the upstream gradient {@code dL/dy},
     * returns {@code dL/dx} as a new array. Arguments are left untouched.
     */
    INDArray backprop(INDArray x, INDArray y, INDArray gradOutput);

    /**
     * Writes {@code f(x)} into {@code out} (which may be {@code x} itself) and returns {@code out}. Built-ins override
     * this to avoid a temporary; the default copies {@link #apply(INDArray)}.
     */
    default INDArray applyInto(INDArray x, INDArray out) {
        INDArray y = apply(x);
        out.assign(y);
        y.close();
        return out;
    }

    /** The parameters that, with {@link #name()}, rebuild this function (Keras's config; empty for most). */
    default Map<String, Double> config() {
        return Map.of();
    }

    /**
     * Wraps a user function under a name, so that it can be saved and, once registered again with
     * {@link Activations#register(String, UnaryOperator)}, loaded. Its gradient is computed by float64 central
     * differences, which requires the function to be element-wise; see {@link CustomActivation}.
     */
    static ActivationFunction named(String name, UnaryOperator<INDArray> function) {
        return new CustomActivation(name, Map.of(), function, null);
    }

    /** As {@link #named(String, UnaryOperator)}, with parameters that the model file records (e.g. {@code beta}). */
    static ActivationFunction named(String name, Map<String, Double> config, UnaryOperator<INDArray> function) {
        return new CustomActivation(name, config, function, null);
    }

    /**
     * As {@link #named(String, UnaryOperator)}, with an analytic element-wise derivative {@code f'(x)} used instead of
     * finite differences.
     */
    static ActivationFunction named(String name, UnaryOperator<INDArray> function, UnaryOperator<INDArray> derivative) {
        return new CustomActivation(name, Map.of(), function, derivative);
    }
}
