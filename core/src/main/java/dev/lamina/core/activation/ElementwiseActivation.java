package dev.lamina.core.activation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation applied to each element independently, so that its backward pass is {@code dL/dy * f'(x)}.
 *
 * <pre>{@code
 * INDArray slope = new Sigmoid().derivative(x);   // sigmoid(x) * (1 - sigmoid(x)), element by element
 * }</pre>
 */
public interface ElementwiseActivation extends ActivationFunction {

    /** The element-wise derivative {@code f'(x)}, as a new array. */
    INDArray derivative(INDArray x);

    @Override
    default INDArray backprop(INDArray x, INDArray y, INDArray gradOutput) {
        return derivative(x).muli(gradOutput);
    }
}
