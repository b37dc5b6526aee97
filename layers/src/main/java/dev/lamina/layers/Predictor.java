package dev.lamina.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code predict}: the model's output for every row, {@code batchSize} rows at a time, each batch under the
 * model's read lock (so it sees the weights between two optimizer steps of a concurrent {@code fit}).
 *
 * <pre>{@code
 * INDArray p = Predictor.predict(model, x, 32);        // [n, outputSize]
 * INDArray q = Predictor.predict(model, source);       // one pass of a BatchSource
 * }</pre>
 */
final class Predictor {

    private Predictor() {
    }

    /** {@code model.predict(x, batchSize)} for dense or sparse {@code x}. */
    static INDArray predict(Model model, Object x, int batchSize) {
        checkBatchSize(batchSize);
        BatchRows rows = Inputs.rows(model, x, "predict", false); // values: checked per batch by the forward pass
        long widest = 1;
        for (Layer layer : model.layers()) {
            widest = Math.max(widest, layer.outputSize());
        }
        batchSize = (int) Math.min(batchSize, Math.max(1, Integer.MAX_VALUE / widest)); // Java kernels index in int
        return predictFeed(model, ArrayFeed.inOrder(rows, null, null, batchSize), rows.count());
    }

    /** {@code model.predict(source)}: the outputs of one pass of a batch source, its batches' rows in order. */
    static INDArray predict(Model model, BatchSource source) {
        return predictFeed(model, new SourceFeed(model, source, "predict", false, null), -1);
    }

    /** The outputs of one pass of a feed; {@code rows} is their number when known (-1: collected, then joined). */
    private static INDArray predictFeed(Model model, Feed feed, long rows) {
        try (Feed.Steps steps = feed.open(0)) {
            if (!steps.hasNext()) {
                throw new IllegalArgumentException("predict: the data yielded no batches; there is nothing to "
                        + "predict.");
            }
            INDArray first = predictBatch(model, steps.next().x());
            if (!steps.hasNext()) {
                return first;
            }
            List<INDArray> parts = new ArrayList<>();
            INDArray out = rows < 0 ? null : Nd4j.create(model.dataType(), rows, model.outputSize());
            long from = 0;
            for (INDArray result = first; result != null;
                 result = steps.hasNext() ? predictBatch(model, steps.next().x()) : null) {
                if (out == null) {
                    parts.add(result);
                    continue;
                }
                long to = from + result.size(0);
                out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(result);
                result.close();
                from = to;
            }
            if (out != null) {
                return out;
            }
            INDArray joined = Nd4j.concat(0, parts.toArray(new INDArray[0]));
            parts.forEach(INDArray::close);
            return joined;
        }
    }

    static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0. Received: " + batchSize);
        }
    }

    private static INDArray predictBatch(Model model, Batch batch) {
        return model.weights().read(() -> Pass.infer(model.layers(), batch, false).output());
    }
}
