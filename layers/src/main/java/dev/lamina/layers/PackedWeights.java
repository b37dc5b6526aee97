package dev.lamina.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every weight of a model as a view of one flat parameter buffer, and every weight gradient as a view of one flat
 * gradient buffer in the same order, so that an optimizer step is one pass over all weights at once.
 *
 * <pre>{@code
 * PackedWeights packed = PackedWeights.of(model.layers(), DataType.FLOAT, weights);   // the layers now use the views
 * }</pre>
 *
 * @param parameters    the flat weights, {@code [1, total]}
 * @param gradients     the flat gradients, same shape and order
 * @param gradientViews one view of {@code gradients} per weight tensor (for per-tensor clipping)
 */
record PackedWeights(INDArray parameters, INDArray gradients, List<INDArray> gradientViews) {

    /** Copies each built layer's weights into new flat buffers and rebinds the layers to views of them. */
    static PackedWeights of(List<Layer> layers, DataType dataType, ModelWeights owner) {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.isBuilt() ? layer.parameterCount() : 0;
        }
        INDArray params = Nd4j.create(dataType, 1, Math.max(1, total));
        INDArray grads = Nd4j.create(dataType, 1, Math.max(1, total));
        List<INDArray> allGradientViews = new ArrayList<>();
        long offset = 0;
        for (Layer layer : layers) {
            if (!layer.isBuilt()) {
                continue;
            }
            List<INDArray> views = new ArrayList<>();
            List<INDArray> gradViews = new ArrayList<>();
            long first = offset;
            for (INDArray weight : layer.weights()) {
                long length = weight.length();
                INDArray view = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length))
                        .reshape('c', weight.shape());
                INDArray gradView = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length))
                        .reshape('c', weight.shape());
                view.assign(weight);
                views.add(view);
                gradViews.add(gradView);
                offset += length;
            }
            layer.bind(views, gradViews, owner, (int) first);
            allGradientViews.addAll(gradViews);
        }
        return new PackedWeights(params, grads, List.copyOf(allGradientViews));
    }
}
