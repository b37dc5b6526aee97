package dev.lamina.layers;

import dev.lamina.core.loss.Loss;
import dev.lamina.core.metric.Metric;
import dev.lamina.core.metric.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code evaluate}: the mean loss and the metrics over a data set, in batches (the result does not depend on
 * the batch size); also the validation step of {@code fit}.
 *
 * <pre>{@code
 * Map<String, Double> scores = Evaluator.evaluate(model, x, y, 32);   // {loss=..., accuracy=...}
 * }</pre>
 */
final class Evaluator {

    private Evaluator() {
    }

    /** {@code model.evaluate(x, y, batchSize)} for dense or sparse {@code x}: checks the inputs, then evaluates. */
    static Map<String, Double> evaluate(Model model, Object x, INDArray y, int batchSize) {
        model.requireCompiled("evaluate");
        Predictor.checkBatchSize(batchSize);
        BatchRows rows = Inputs.rows(model, x, "evaluate", true);
        return evaluate(model, rows, Inputs.labels(model, y, rows.count(), "evaluate"), batchSize);
    }

    /** The scores on checked rows and labels (also the validation of {@code fit}). */
    static Map<String, Double> evaluate(Model model, BatchRows rows, INDArray labels, int batchSize) {
        Loss loss = model.loss();
        List<Layer> layers = model.layers();
        boolean fused = loss.fusesWith(layers.get(layers.size() - 1).activation());
        List<Metric> metrics = metrics(model, labels.size(1));
        long n = rows.count();
        double lossSum = 0;
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            Batch x = rows.range(from, to);
            INDArray y = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Pass.Result result = model.weights().read(() -> Pass.infer(layers, x, fused));
            INDArray perSample = fused ? loss.perSampleFromLogits(result.logits(), y)
                    : loss.perSample(result.output(), y);
            lossSum += perSample.castTo(DataType.DOUBLE).sumNumber().doubleValue();
            for (Metric metric : metrics) {
                metric.update(result.output(), y);
            }
        }
        return logs(lossSum / n, metrics);
    }

    /** The compiled metrics, fresh, for labels {@code labelWidth} wide. */
    static List<Metric> metrics(Model model, long labelWidth) {
        List<Metric> metrics = new ArrayList<>();
        for (String name : model.metricNames()) {
            metrics.add(Metrics.get(name, model.outputSize(), labelWidth));
        }
        return metrics;
    }

    /** {@code loss} then each metric's result, as Keras's logs. */
    static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        for (Metric metric : metrics) {
            logs.put(metric.name(), metric.result());
        }
        return logs;
    }
}
