package dev.lamina.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code predict}: the model's output for every row, {@code batchSize} rows at a time, each batch under the
 * model's read lock (so it sees the weights between two optimizer steps of a concurrent {@code fit}).
 *
 * <pre>{@code
 * INDArray p = Predictor.predict(model, x, 32);   // [n, outputSize]
 * }</pre>
 */
final class Predictor {

    private Predictor() {
    }

    /** {@code model.predict(x, batchSize)} for dense or sparse {@code x}. */
    static INDArray predict(Model model, Object x, int batchSize) {
        checkBatchSize(batchSize);
        BatchRows rows = Inputs.rows(model, x, "predict", false); // values: checked per batch by the forward pass
        long n = rows.count();
        long widest = 1;
        for (Layer layer : model.layers()) {
            widest = Math.max(widest, layer.outputSize());
        }
        batchSize = (int) Math.min(batchSize, Math.max(1, Integer.MAX_VALUE / widest)); // Java kernels index in int
        if (n <= batchSize) {
            return predictBatch(model, rows.range(0, n));
        }
        INDArray out = Nd4j.create(model.dataType(), n, model.outputSize());
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray result = predictBatch(model, rows.range(from, to));
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(result);
            result.close();
        }
        return out;
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
