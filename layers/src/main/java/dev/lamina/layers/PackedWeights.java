package dev.lamina.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every weight of a model as a view of one flat parameter buffer, and every weight gradient as a view of one flat
 * gradient buffer in the same order, so that an optimizer step is one pass over all trainable weights at once.
 *
 * <p>The order: first every trainable weight, layer by layer in Keras's weight order, then every non-trainable weight
 * (moving statistics, frozen layers) in the same order. The optimizer sees only the first part
 * ({@link #trainableParameters()}), so its slots have one value per trainable scalar; a model whose weights are all
 * trainable is packed exactly as layer after layer, kernel then bias.
 *
 * <pre>{@code
 * PackedWeights packed = PackedWeights.of(model.layers(), DataType.FLOAT, weights);   // the layers now use the views
 * }</pre>
 *
 * @param parameters          the flat weights, {@code [1, total]}
 * @param gradients           the flat gradients, same shape and order
 * @param gradientViews       one view of {@code gradients} per trainable weight tensor (for per-tensor clipping)
 * @param trainableParameters the trainable part of {@code parameters}, {@code [1, trainable]} (a view, or
 *                            {@code parameters} itself when every weight is trainable)
 * @param trainableGradients  the same part of {@code gradients}
 */
record PackedWeights(INDArray parameters, INDArray gradients, List<INDArray> gradientViews,
                     INDArray trainableParameters, INDArray trainableGradients) {

    /** Number of trainable scalars (what the optimizer steps). */
    long trainableLength() {
        return trainableParameters == null ? 0 : trainableParameters.length();
    }

    /** Copies each built layer's weights into new flat buffers and rebinds the layers to views of them. */
    static PackedWeights of(List<Layer> layers, DataType dataType, ModelWeights owner) {
        long total = 0;
        long trainable = 0;
        for (Layer layer : layers) {
            if (layer.isBuilt()) {
                List<INDArray> weights = layer.weights();
                for (int i = 0; i < weights.size(); i++) {
                    total += weights.get(i).length();
                    trainable += layer.isTrainableWeight(i) ? weights.get(i).length() : 0;
                }
            }
        }
        INDArray params = Nd4j.create(dataType, 1, Math.max(1, total));
        INDArray grads = Nd4j.create(dataType, 1, Math.max(1, total));
        List<INDArray> allGradientViews = new ArrayList<>();
        long trainableAt = 0;
        long frozenAt = trainable;
        for (Layer layer : layers) {
            if (!layer.isBuilt()) {
                continue;
            }
            List<INDArray> weights = layer.weights();
            List<INDArray> views = new ArrayList<>();
            List<INDArray> gradViews = new ArrayList<>();
            int[] offsets = new int[weights.size()];
            for (int i = 0; i < weights.size(); i++) {
                INDArray weight = weights.get(i);
                long length = weight.length();
                boolean trained = layer.isTrainableWeight(i);
                long offset = trained ? trainableAt : frozenAt;
                INDArray view = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length))
                        .reshape('c', weight.shape());
                INDArray gradView = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length))
                        .reshape('c', weight.shape());
                view.assign(weight);
                views.add(view);
                gradViews.add(gradView);
                offsets[i] = (int) offset;
                if (trained) {
                    allGradientViews.add(gradView);
                    trainableAt += length;
                } else {
                    frozenAt += length;
                }
            }
            layer.packedInto(owner, offsets);
            layer.bind(views, gradViews, owner, offsets.length == 0 ? 0 : offsets[0]);
        }
        INDArray trainableParams = trainable == total ? params : trainable == 0 ? null : head(params, trainable);
        INDArray trainableGrads = trainable == total ? grads : trainable == 0 ? null : head(grads, trainable);
        return new PackedWeights(params, grads, List.copyOf(allGradientViews), trainableParams, trainableGrads);
    }

    /**
     * The first {@code length} values of a flat {@code [1, total]} buffer as a row-major {@code [1, length]} view (the
     * plain {@code get} of that range is a view ND4J marks column-major, which the fused optimizer step and
     * {@code HostFloats} refuse).
     */
    private static INDArray head(INDArray flat, long length) {
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, length)).reshape('c', 1, length);
        if (view.ordering() != 'c' || view.elementWiseStride() != 1 || !view.isView()) {
            throw new IllegalStateException("Expected a row-major view of the trainable weights; got order "
                    + view.ordering() + ", stride " + view.elementWiseStride() + ", view " + view.isView());
        }
        return view;
    }
}
